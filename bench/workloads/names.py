# 60,000 users with accented and CJK names: counted by name in a map, sorted, lower/upper, lengths, joins.
first = ["Zoé", "Chloé", "Léa", "Müller", "Jürgen", "Ævar", "Åsa", "Søren", "Ángel", "Ñico", "王芳", "李娜", "Olivier", "Émile"]
last = ["Dupont", "Lefèvre", "Gärtner", "Østergaard", "Núñez", "陈", "Brontë", "Żak"]
counts = {}
users = []
for i in range(60000):
    name = f"{first[i % len(first)]} {last[i % len(last)]}"
    counts[name] = counts.get(name, 0) + 1
    users += [{"name": name, "login": name.replace(" ", ".").lower(), "id": i}]
names = sorted(counts.keys())
longest = 0
for n in names:
    if len(n) > longest: longest = len(n)
by_login = sorted(users, key=lambda u: u["login"])
print(len(names), longest, names[0], names[len(names) - 1])
print(by_login[0]["login"], by_login[59999]["login"], names[3].upper())
print(", ".join(names[0:5]))
