# 100,000 records scored by small functions with default values, called with and without them.
import sys
def clamp(x, low=0, high=100):
    if x < low: return low
    if x > high: return high
    return x
def score(r): return clamp(r["load"] * 2 - 50) + clamp(r["temp"], 10, 40)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
total = 0
for i in range(n):
    r = {"load": i % 90, "temp": i % 50}
    total += score(r)
    total += clamp(i % 300, 0, 200)
print(total)
