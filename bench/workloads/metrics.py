# 200,000 latency samples over 40 nodes: float sums, min/max, averages rounded, a sorted percentile per node.
import math
def rnd(x, d):
    m = 10 ** d
    return math.floor(x * m + 0.5) / m
samples = {}
for i in range(200000):
    node = f"emqx@10.0.{i % 40}.1"
    ms = ((i * 7919) % 1000) / 10.0 + 0.5
    if node in samples:
        samples[node] += [ms]
    else:
        samples[node] = [ms]
lines = []
for node in sorted(samples.keys()):
    xs = samples[node]
    total = 0.0
    low = xs[0]
    high = xs[0]
    for x in xs:
        total += x
        if x < low: low = x
        if x > high: high = x
    s = sorted(xs)
    p95 = s[int(len(s) * 0.95)]
    lines += [f"{node} n={len(xs)} avg={rnd(total / len(xs), 2)} min={low} max={high} p95={p95}"]
print(len(lines))
print(lines[0])
print(lines[39])
