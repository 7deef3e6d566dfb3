# 50,000 connect/disconnect log lines parsed with matches, ints from text, a map of open sessions, durations.
import re, math
lines = []
for i in range(50000):
    id = f"dev-{i % 997}"
    t = 1700000000 + i * 3
    if i % 2 == 0:
        lines += [f"{t} CONNECT client={id} ip=10.1.{i % 250}.{i % 13} proto=5"]
    else:
        lines += [f"{t} DISCONNECT client={id} reason=normal"]
open_ = {}
durations = []
ips = {}
bad = 0
pat = re.compile(r"^([0-9]+) (CONNECT|DISCONNECT) client=([a-z0-9-]+)(.*)$")
for line in lines:
    m = pat.search(line)
    if m is None:
        bad += 1
        continue
    t = int(m[1])
    id = m[3]
    if m[2] == "CONNECT":
        open_[id] = t
        ip = m[4].strip().split(" ")[0]
        ips[ip[3:]] = True
    elif id in open_:
        durations += [t - open_[id]]
        del open_[id]
total = sum(durations)
print(len(durations), len(open_), bad, len(ips.keys()), total, max(durations), min(durations))
avg = math.floor(total / len(durations) * 10 + 0.5) / 10
print("avg {} s over {} sessions".format(avg, len(durations)))
