import json
devices = ["pump-a", "pump-b", "valve-1", "valve-2", "fan-x", "fan-y", "meter-9"]
stats = {}
alarms = []
for i in range(60000):
    dev = devices[i % len(devices)]
    raw = "{\"device\": \"%s\", \"seq\": %d, \"reading\": {\"temp\": %s, \"unit\": \"C\"}, \"battery\": %d}" % (dev, i, repr((i * 37) % 500 / 10.0), 100 - i % 101)
    p = json.loads(raw)
    t = p["reading"]["temp"]
    if p["device"] not in stats:
        stats[p["device"]] = {"n": 0, "min": t, "max": t, "total": 0.0}
    s = stats[p["device"]]
    s["n"] += 1
    s["total"] += t
    if t < s["min"]: s["min"] = t
    if t > s["max"]: s["max"] = t
    stats[p["device"]] = s
    if p["battery"] < 5:
        alarms.append(f"{p['device']}#{p['seq']}")
for d in sorted(stats.keys()):
    s = stats[d]
    print(d, s["n"], s["min"], s["max"], round(s["total"] / s["n"], 2))
print(len(alarms), alarms[0], alarms[-1])
