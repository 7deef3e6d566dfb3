import json
all_topics = []
per_client = {}
for c in range(20000):
    subs = []
    for k in range(12):
        t = f"fleet/{(c * 3 + k * 7) % 50}/status"
        if t not in subs:
            subs.append(t)
    per_client[f"c{c}"] = subs
    all_topics += subs
distinct = list(dict.fromkeys(all_topics))
newest = list(reversed(all_topics))[0:5]
trimmed = 0
for c in per_client.keys():
    subs = list(per_client[c])
    while len(subs) > 8:
        subs.pop(0)
    trimmed += len(subs)
print(len(all_topics), len(distinct), json.dumps(newest, separators=(",", ":")), trimmed)
