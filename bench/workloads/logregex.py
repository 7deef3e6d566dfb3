# 50,000 log lines matched against two regular expressions, one with groups.
import sys, re
n = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
found = 0
total = 0
for i in range(n):
    line = f"2024-05-{i % 28 + 1} client c-{i} connected from 10.0.{i % 256}.{i % 7}"
    m = re.search(r"client (c-[0-9]+) connected from ([0-9.]+)", line)
    if m: found += 1
    if re.search(r"10\.0\.1[0-9]\.", line): total += 1
print(found, total)
