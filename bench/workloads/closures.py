# Calls in many shapes: recursion with a memo map, a while loop, a counter closure that changes its captured
# variable, functions passed as arguments, composed lambdas, default values.
import sys
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 400
memo = {}
def ways(n):
    if n <= 1:
        return 1
    key = str(n)
    if key in memo:
        return memo[key]
    r = (ways(n - 1) + ways(n - 2)) % 1000000007
    memo[key] = r
    return r
def gcd(a, b):
    while b != 0:
        t = b
        b = a % b
        a = t
    return a
def make_counter(step=1):
    n = 0
    def tick():
        nonlocal n
        n += step
        return n
    return tick
def scaled(x, factor=2, offset=0):
    return x * factor + offset
def apply(f, x):
    return f(x)
def compose(f, g):
    return lambda x: f(g(x))
total = 0
for r in range(rounds):
    memo = {}
    total = (total + ways(150)) % 1000000007
g = 0
for a in range(1, 1001):
    for b in range(1, 101):
        g += gcd(a, b)
tick = make_counter(3)
inc = lambda x: x + 1
square = lambda x: x * x
both = compose(inc, square)
s = 0
for i in range(300000):
    s += tick() + scaled(i, 2, 1) + apply(square, i % 100) + both(i % 50) + scaled(i)
print(total, g, s)
