# Text clean-up over 100,000 names: strip, lower, upper, startswith, endswith, in, len.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
hits = 0
total = 0
names = []
for i in range(n):
    name = f"  Sensor-{i % 97}/Room-{i % 13}  "
    clean = name.strip().lower()
    if clean.startswith("sensor-1"): hits += 1
    if clean.endswith("room-3"): hits += 1
    if "-42/" in clean: hits += 1
    total += len(clean)
    if i % 1000 == 0: names += [clean.upper()]
print(hits, total, len(names), names[3])
