# A 300x300 grid of counters updated in place, then summed by rows and columns.
n = 300
grid = []
for i in range(n):
    row = []
    for j in range(n):
        row += [0]
    grid += [row]
for step in range(5):
    for i in range(n):
        for j in range(n):
            grid[i][j] += (i * j + step) % 7
total = 0
for row in grid:
    total += sum(row)
col = 0
for i in range(n):
    col += grid[i][17]
print(total, col)
