# An inventory of 20,000 records walked 20 times: for key, value in a dict, field reads, float sums.
import sys
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
inventory = {}
for i in range(n): inventory[f"item-{i}"] = {"qty": i % 17, "price": (i % 50) + 0.5}
value = 0.0
low = 0
for round_ in range(20):
    for name, item in inventory.items():
        value += item["qty"] * item["price"]
        if item["qty"] < 3: low += 1
ks = list(inventory.keys())
vs = list(inventory.values())
print(round(value, 2), low, len(ks), ks[-1], vs[7]["qty"])
