# Per-site statistics in a map of records, changed two steps deep: stats[site]["count"] += 1.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
stats = {}
for i in range(n):
    site = f"s{i % 50}"
    load = (i * 31) % 97
    if site not in stats: stats[site] = {"count": 0, "sum": 0, "max": 0, "tags": []}
    stats[site]["count"] += 1
    stats[site]["sum"] += load
    if load > stats[site]["max"]: stats[site]["max"] = load
    if i % 1000 == 0: stats[site]["tags"] += [f"t{i}"]
total = 0
for site, s in stats.items(): total += s["sum"]
print(len(stats), total, stats["s7"]["count"], stats["s7"]["max"], len(stats["s0"]["tags"]))
