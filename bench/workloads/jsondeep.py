# A 2,000-node document parsed 10 times and read three levels deep.
import sys, json
n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
nodes = []
for i in range(n): nodes += [{"node": f"emqx@10.0.0.{i % 250}", "metrics": {"rate": i % 97, "peak": i * 3}, "listeners": [{"port": 1883, "on": i % 2 == 0}, {"port": 8883, "on": True}]}]
text = json.dumps({"data": nodes, "meta": {"count": n}}, separators=(",", ":"))
busy = 0
on = 0
for round_ in range(10):
    doc = json.loads(text)
    for node in doc["data"]:
        if node["metrics"]["rate"] > 50: busy += 1
        if node["listeners"][0]["on"]: on += 1
print(len(text), busy, on)
