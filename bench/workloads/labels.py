names = ["Kühlhaus Süd", "東京ゲートウェイ", "café-terrasse", "Øresund brug", "sensor plain", "Łódź hala 3"]
lines = 0
width = 0
upper_count = 0
tagged = {}
for i in range(150000):
    name = f"  {names[i % len(names)]} #{i % 500}  "
    label = name.strip()
    if label.startswith("sensor"):
        label = label.upper()
    short = label[0:8]
    cell = short
    while len(cell) < 10:
        cell += "."
    row = f"{cell}|{label.lower()}"
    if label.endswith("#7"):
        upper_count += 1
    width = max(width, len(row))
    tag = label[0:3]
    tagged[tag] = tagged.get(tag, 0) + 1
    lines += 1
print(lines, width, upper_count)
for k in sorted(tagged.keys()):
    print(k, tagged[k])
