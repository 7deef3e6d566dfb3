# The topics shape on French topic names: split, join, slice, replace, a regex and contains outside ASCII.
import re
n = 200000
levels = {}
matched = 0
p = re.compile("machine-7[0-9]/")
for i in range(n):
    topic = f"usine/ligne-{i % 13}/machine-{i % 101}/température"
    parts = topic.split("/")
    key = "/".join(parts[0:2])
    levels[key] = levels.get(key, 0) + 1
    if p.search(topic):
        matched += 1
    renamed = topic.replace("temp", "TEMP")
    if "é" in topic:
        matched += 0
print(len(levels), matched, levels["usine/ligne-3"])
