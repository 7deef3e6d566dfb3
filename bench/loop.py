# The same loop as loop.emqx, for CPython.
m = {"count": 0, "last": ""}
total = 0
for i in range(1000000):
    total = total + i * 2 % 7
    m["last"] = f"item-{i}"
    m["count"] = m["count"] + 1
print(total, m["count"], m["last"])
