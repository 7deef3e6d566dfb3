n = 4000
links = {}
for i in range(n):
    name = f"broker-{i}"
    peers = []
    peers.append(f"broker-{(i * 7 + 1) % n}")
    peers.append(f"broker-{(i * 13 + 5) % n}")
    if i % 3 == 0:
        peers.append(f"broker-{(i + 1) % n}")
    links[name] = peers
def hops_from(root):
    dist = {root: 0}
    queue = [root]
    head = 0
    while head < len(queue):
        here = queue[head]
        head += 1
        for p in links[here]:
            if p not in dist:
                dist[p] = dist[here] + 1
                queue.append(p)
    return dist
histogram = {}
reached = 0
for r in range(120):
    d = hops_from(f"broker-{r * 31}")
    reached += len(d)
    for v in d.values():
        k = str(v)
        histogram[k] = histogram.get(k, 0) + 1
print(reached)
for k in sorted(histogram.keys(), key=lambda k: int(k)):
    print(k, histogram[k])
