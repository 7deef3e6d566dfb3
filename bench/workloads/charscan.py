# Characters one by one: classify, count, rebuild reversed and masked strings.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
vowels = 0
digits = 0
longest = ""
masked = 0
for i in range(n):
    id = f"Sensor-{i}-Room{i % 17}"
    rev = ""
    mask = ""
    for c in id:
        if c in "aeiouAEIOU":
            vowels += 1
        elif c >= "0" and c <= "9":
            digits += 1
        rev = c + rev
        if c == "-":
            mask += "_"
        else:
            mask += c
    if len(rev) > len(longest):
        longest = rev
    if "_1" in mask:
        masked += 1
print(vowels, digits, longest, masked)
