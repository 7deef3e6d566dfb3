import json
defaults = {"mqtt": {"qos": 0, "retain": False, "max_inflight": 32}, "tls": {"enabled": False, "versions": ["tlsv1.2"]}, "limits": {"conn": 1000, "rate": "10MB/s"}}
total_inflight = 0
tls_on = 0
sizes = 0
for i in range(30000):
    cfg = json.loads(json.dumps(defaults, separators=(",", ":")))
    cfg["name"] = f"listener-{i}"
    cfg["mqtt"]["qos"] = i % 3
    cfg["mqtt"]["max_inflight"] += i % 16
    if i % 4 == 0:
        cfg["tls"]["enabled"] = True
        cfg["tls"]["versions"] = cfg["tls"]["versions"] + ["tlsv1.3"]
    cfg["limits"]["conn"] = cfg["limits"]["conn"] * (1 + i % 5)
    if isinstance(cfg["limits"]["rate"], str):
        cfg["limits"]["rate_kb"] = int(cfg["limits"]["rate"].replace("MB/s", "")) * 1024
    total_inflight += cfg["mqtt"]["max_inflight"]
    if cfg["tls"]["enabled"]:
        tls_on += 1
    sizes += len(json.dumps(cfg, separators=(",", ":"), ensure_ascii=False))
print(total_inflight, tls_on, sizes)
