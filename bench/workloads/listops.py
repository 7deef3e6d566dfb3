# A list of 200,000 numbers: indexed reads, membership in a small list, slice, sum, min, max, reverse.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
values = []
for i in range(n): values += [(i * 37) % 1001]
total = 0
for i in range(len(values)): total += values[i]
evens = 0
for v in values:
    if v % 2 == 0: evens += 1
small = [3, 5, 7, 11, 13]
hits = 0
for v in values:
    if v in small: hits += 1
window = values[100:200]
print(total, evens, hits, sum(window), min(values), max(values), len(list(reversed(values))))
