models = ["th-100", "th-200", "gw-10", "cam-4k", "plug-s"]
sites = ["berlin", "paris", "osaka", "lima"]
inventory = []
for i in range(60000):
    inventory.append({
        "id": f"dev-{i}", "model": models[(i * 3) % 5], "site": sites[i % 4],
        "firmware": f"{1 + i % 3}.{(i * 7) % 10}.{i % 4}", "online": i % 6 != 0, "load": (i * 13) % 100,
    })
def version_key(v):
    parts = v.split(".")
    return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
online = [d for d in inventory if d["online"]]
busy = list(filter(lambda d: d["load"] > 80, online))
ids = list(map(lambda d: d["id"], busy))
newest = sorted(inventory, key=lambda d: version_key(d["firmware"]))
outdated = [d for d in inventory if version_key(d["firmware"]) < 20500]
print(len(online), len(busy), ids[0], ids[-1], newest[-1]["firmware"], len(outdated))
for s in sites:
    here = [d for d in inventory if d["site"] == s]
    loads = [d["load"] for d in here]
    print(s, len(here), sum(loads), max(loads), str(any(d["load"] == 99 for d in here)).lower(), str(all(d["load"] < 100 for d in here)).lower())
kinds = list(dict.fromkeys(d["model"] for d in inventory))
print("[" + ",".join('"' + k + '"' for k in sorted(kinds)) + "]")
