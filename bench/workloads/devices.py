# Device state in nested maps and lists: events applied one by one, fields updated in place.
import sys, json
n = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
fleet = {}
for d in range(300):
    fleet[f"d{d}"] = {"online": False, "seen": 0, "history": [], "stats": {"in": 0, "out": 0}}
for i in range(n):
    id = f"d{(i * 7919) % 300}"
    kind = i % 4
    if kind == 0:
        fleet[id]["online"] = True
    elif kind == 1:
        fleet[id]["stats"]["in"] += i % 10
    elif kind == 2:
        fleet[id]["stats"]["out"] += 1
    else:
        fleet[id]["online"] = False
        if len(fleet[id]["history"]) < 20:
            fleet[id]["history"] += [i]
    fleet[id]["seen"] += 1
online = 0
inbound = 0
hist = 0
for id, dev in fleet.items():
    if dev["online"]:
        online += 1
    inbound += dev["stats"]["in"]
    hist += len(dev["history"])
print(online, inbound, hist, fleet["d1"]["seen"], json.dumps(fleet["d1"]["history"][0:3], separators=(",", ":")))
