# MQTT topic filters matched level by level (+ and #) for 20,000 topics against 12 ACL rules; first rule wins.
def matches_filter(filter, topic):
    f = filter.split("/")
    t = topic.split("/")
    i = 0
    while i < len(f):
        if f[i] == "#": return True
        if i >= len(t): return False
        if f[i] != "+" and f[i] != t[i]: return False
        i += 1
    return len(t) == len(f)
rules = [
    {"action": "deny", "filter": "factory/+/secret/#"}, {"action": "allow", "filter": "factory/line-1/#"},
    {"action": "allow", "filter": "factory/+/machine-+/temp"}, {"action": "deny", "filter": "admin/#"},
    {"action": "allow", "filter": "site/north/+/status"}, {"action": "allow", "filter": "site/+/+/alarm"},
    {"action": "deny", "filter": "site/south/#"}, {"action": "allow", "filter": "devices/+/telemetry"},
    {"action": "allow", "filter": "devices/+/events/+"}, {"action": "deny", "filter": "$SYS/#"},
    {"action": "allow", "filter": "logs/+/+/+"}, {"action": "deny", "filter": "#"},
]
kinds = ["factory/line-%/machine-%/temp", "factory/line-%/secret/%", "site/north/b%/status", "site/south/b%/alarm",
    "devices/dev-%/telemetry", "devices/dev-%/events/boot", "admin/users/%", "logs/a/b/%", "other/%"]
verdicts = {}
allowed = 0
for i in range(20000):
    topic = kinds[i % len(kinds)].replace("%", str(i % 7))
    verdict = "none"
    for r in rules:
        if matches_filter(r["filter"], topic):
            verdict = r["action"]
            break
    if verdict == "allow": allowed += 1
    key = f"{topic.split('/')[0]}:{verdict}"
    verdicts[key] = verdicts.get(key, 0) + 1
print(allowed)
for k in sorted(verdicts.keys()): print(k, verdicts[k])
