# Collatz chains of 1..30,000: integer arithmetic in nested while loops.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
best = 0
arg = 0
for k in range(1, n):
    x = k
    steps = 0
    while x != 1:
        if x % 2 == 0: x = x // 2
        else: x = 3 * x + 1
        steps += 1
    if steps > best:
        best = steps
        arg = k
print(arg, best)
