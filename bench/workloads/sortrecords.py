# 100,000 records sorted by an integer and by a string key, unique names, reverse and slice.
import sys, json
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
recs = []
for i in range(n): recs += [{"id": i, "score": (i * 7919) % 10007, "name": f"n{i % 1000}"}]
by_score = sorted(recs, key=lambda r: r["score"])
by_name = sorted(recs, key=lambda r: r["name"])
names = list(dict.fromkeys(r["name"] for r in recs))
top = list(reversed(by_score))[0:3]
print(by_score[0]["id"], by_score[-1]["id"], by_name[0]["id"], by_name[-1]["id"], len(names), json.dumps([r["id"] for r in top], separators=(",", ":")))
