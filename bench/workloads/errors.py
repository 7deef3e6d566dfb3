# 100,000 items, a third of them failing: raise, except and test the error code.
import sys
class ScriptError(Exception):
    def __init__(self, code, message): self.code = code; self.message = message
n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
bad = 0
good = 0
for i in range(n):
    try:
        if i % 3 == 0: raise ScriptError("BAD_INPUT", f"item {i} is bad")
        good += 1
    except ScriptError as e:
        if e.code == "BAD_INPUT": bad += 1
print(good, bad)
