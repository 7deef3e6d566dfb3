# CSV text: lines built, joined, split back, fields parsed and grouped.
import sys, json
n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
lines = []
for i in range(n):
    lines += [f"dev-{i % 211},{i % 7},{(i * 37) % 1000},{'true' if i % 3 == 0 else 'false'}"]
text = "\n".join(lines)
totals = {}
counts = {}
flagged = 0
for line in text.split("\n"):
    f = line.split(",")
    key = f[0]
    totals[key] = totals.get(key, 0) + int(f[2])
    counts[key] = counts.get(key, 0) + 1
    if f[3] == "true":
        flagged += 1
best = sorted(totals.keys(), key=lambda k: -totals[k])
def r(x):
    v = round(x, 2)
    return int(v) if v == int(v) else v
avg = []
for k in best[0:5]:
    avg += [r(totals[k] / counts[k])]
print(len(text), flagged, json.dumps(best[0:5], separators=(",", ":")), json.dumps(avg, separators=(",", ":")))
