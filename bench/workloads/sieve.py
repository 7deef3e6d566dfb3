# A sieve of Eratosthenes over 1,000,000 flags: list appends, element stores, while loops.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
flags = []
for i in range(n + 1): flags += [True]
flags[0] = False
flags[1] = False
i = 2
while i * i <= n:
    if flags[i]:
        j = i * i
        while j <= n:
            flags[j] = False
            j += i
    i += 1
count = 0
for f in flags:
    if f: count += 1
print(count)
