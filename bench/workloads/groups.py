# 200,000 events grouped into lists per client, then the biggest groups and their last events.
groups = {}
for i in range(200000):
    client = f"c{(i * 31) % 997}"
    if client in groups:
        groups[client] += [i]
    else:
        groups[client] = [i]
sizes = list(map(lambda k: len(groups[k]), groups.keys()))
biggest = 0
last = 0
for k, v in groups.items():
    if len(v) > biggest:
        biggest = len(v)
    last += v[-1]
print(len(groups), biggest, last, sum(sizes))
