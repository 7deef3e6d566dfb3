# Binary trees of 32,767 nodes built from dict literals and counted, recursively, 10 times.
import sys
def build(depth):
    if depth == 0: return {"leaf": True, "size": 1}
    left = build(depth - 1)
    right = build(depth - 1)
    return {"leaf": False, "size": left["size"] + right["size"] + 1, "kids": [left, right]}
def count(node):
    if node["leaf"]: return 1
    return count(node["kids"][0]) + count(node["kids"][1])
total = 0
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 10):
    t = build(14)
    total += count(t) + t["size"]
print(total)
