import re
source = "SELECT payload.temp AS t, clientid FROM \"t/#\" WHERE t > 30.5 AND qos = 1 OR topic =~ 'site/+/alarm'"
kinds = {}
total = 0
for round_ in range(12000):
    tokens = []
    current = ""
    quote = ""
    for ch in source:
        if quote != "":
            current += ch
            if ch == quote:
                tokens.append(current)
                current = ""
                quote = ""
        elif ch == "\"" or ch == "'":
            quote = ch
            current = ch
        elif ch == " " or ch == ",":
            if current != "":
                tokens.append(current)
            current = ""
        else:
            current += ch
    if current != "":
        tokens.append(current)
    total += len(tokens)
    if round_ == 0:
        for t in tokens:
            kind = "word"
            if re.search(r"^[0-9.]+$", t):
                kind = "number"
            elif t.startswith("'") or t.startswith("\""):
                kind = "text"
            elif t.upper() == t and len(t) > 1 and not re.search(r"[0-9]", t):
                kind = "keyword"
            kinds[kind] = kinds.get(kind, 0) + 1
print(total)
for k in sorted(kinds.keys()):
    print(k, kinds[k])
