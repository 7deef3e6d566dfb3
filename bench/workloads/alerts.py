# 100,000 readings: filter and map with lambdas, any/all, startswith/endswith, a function with a default.
def level(v, warn=70):
    if v > 90:
        return "crit"
    elif v > warn:
        return "warn"
    return "ok"
readings = []
for i in range(100000):
    readings += [{"id": f"sensor-{i % 500}", "value": (i * 13) % 100, "site": "north/a" if i % 3 == 0 else "south/b"}]
hot = list(filter(lambda r: r["value"] > 80, readings))
names = list(map(lambda r: r["id"].upper(), hot))
north = list(filter(lambda r: r["site"].startswith("north"), readings))
levels = {}
for r in readings:
    l = level(r["value"])
    levels[l] = levels.get(l, 0) + 1
print(len(hot), names[0], len(north), levels["crit"], levels["warn"], levels["ok"], str(any(r["id"].endswith("-7") for r in hot)).lower(), str(all(r["value"] > 80 for r in hot)).lower())
