#!/usr/bin/env python3
"""usage: bench/builtins.py EMQXSH [CALLS] — the text and JSON builtins one call at a time against CPython's.

Each builtin runs CALLS times in emqxsh's language and in Python, inside one process on each side: in blocks, each
block of calls following a block of the bare loop, timed by the language's own clock. The best bare block is taken off
the best block of calls, so what is left is the call, and a slow spell of this machine that hits one block is not
counted (other work adds, never takes away). Each side runs twice; the better run counts. Prints nanoseconds per call
on each side and their ratio.
"""
import subprocess
import sys
from statistics import median

emqxsh = sys.argv[1]
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000

# name: (emqxsh setup, emqxsh call, Python setup, Python call); each call's value is stored, as a script would.
CASES = {
    "split": ('let t = "sensors/floor1/room2/temp"', 'split($t, "/")', 't = "sensors/floor1/room2/temp"', 't.split("/")'),
    "join": ('let l = ["sensors", "floor1", "room2", "temp"]', 'join($l, "/")',
             'l = ["sensors", "floor1", "room2", "temp"]', '"/".join(l)'),
    "replace": ('let t = "sensors/floor1/room2/temp"', 'replace($t, "temp", "temperature")',
                't = "sensors/floor1/room2/temp"', 't.replace("temp", "temperature")'),
    "format": ('let t = "dev"', 'format("{}-{}", $t, $i)', 't = "dev"', '"{}-{}".format(t, i)'),
    "regex": ('let t = "factory/line-3/machine-74/temp"', '$t =~ "machine-7[0-9]/"',
              'import re\np = re.compile(r"machine-7[0-9]/")\nt = "factory/line-3/machine-74/temp"',
              'p.search(t) is not None'),
    "parse_json": ("""let t = '{"id": 12, "name": "dev-12", "tags": ["a", "b"], "on": true}'""", "parse_json($t)",
                   """import json\nt = '{"id": 12, "name": "dev-12", "tags": ["a", "b"], "on": true}'""",
                   "json.loads(t)"),
    "json": ('let d = {id: 12, name: "dev-12", tags: ["a", "b"], on: true}', "json($d)",
             'import json\nd = {"id": 12, "name": "dev-12", "tags": ["a", "b"], "on": True}',
             'json.dumps(d, separators=(",", ":"))'),
    # The same calls on other inputs: text outside ASCII, a log line split at its whitespace, a regex whose leading
    # literal is not in the text, a slice, long pieces joined with a longer separator.
    "split_utf8": ('let t = "capteurs/étage1/salle2/température"', 'split($t, "/")',
                   't = "capteurs/étage1/salle2/température"', 't.split("/")'),
    "replace_utf8": ('let t = "capteurs/étage1/salle2/température"', 'replace($t, "temp", "TEMP")',
                     't = "capteurs/étage1/salle2/température"', 't.replace("temp", "TEMP")'),
    "split_words": ('let t = "2026-12-02 13:45:59 INFO client dev-12 connected"', "split($t)",
                    't = "2026-12-02 13:45:59 INFO client dev-12 connected"', "t.split()"),
    "regex_miss": ('let t = "factory/line-3/machine-74/temp"', '$t =~ "pump-[0-9]+"',
                   'import re\np = re.compile(r"pump-[0-9]+")\nt = "factory/line-3/machine-74/temp"',
                   'p.search(t) is not None'),
    "regex_utf8": ('let t = "usine/ligne-3/machine-74/température"', '$t =~ "machine-7[0-9]/"',
                   'import re\np = re.compile(r"machine-7[0-9]/")\nt = "usine/ligne-3/machine-74/température"',
                   'p.search(t) is not None'),
    "contains_utf8": ('let t = "usine/ligne-3/machine-74/température"', 'contains($t, "é")',
                      't = "usine/ligne-3/machine-74/température"', '"é" in t'),
    "upper_utf8": ('let t = "usine/ligne-3/machine-74/température"', "upper($t)",
                   't = "usine/ligne-3/machine-74/température"', "t.upper()"),
    "slice": ('let t = "factory/line-3/machine-74/temp"', "slice($t, 8, -5)",
              't = "factory/line-3/machine-74/temp"', "t[8:-5]"),
    "join_long": ('let l = ["building-north-wing-a", "floor1-east-corridor", "room2-lab-bench", "temperature"]',
                  'join($l, " / ")',
                  'l = ["building-north-wing-a", "floor1-east-corridor", "room2-lab-bench", "temperature"]',
                  '" / ".join(l)'),
}


def programs(name, rounds, block):
    """The emqxsh script and the Python program for one case: each times `rounds` blocks of `block` steps of the bare
    loop and as many of the loop with the call, the two taking turns, and prints the best block of each in seconds."""
    setup, call, py_setup, py_call = CASES[name]
    script = f"""{setup}
let s = null
let bare = 1e9
let busy = 1e9
for r in 0..<{rounds} {{
    let t0 = now()
    for i in 0..<{block} {{ s = $i }}
    let t1 = now()
    for i in 0..<{block} {{ s = {call} }}
    let t2 = now()
    if $t1 - $t0 < $bare {{ bare = $t1 - $t0 }}
    if $t2 - $t1 < $busy {{ busy = $t2 - $t1 }}
}}
print $bare $busy"""
    python = f"""import time
{py_setup}
s = None
bare = busy = 1e9
for r in range({rounds}):
    t0 = time.perf_counter()
    for i in range({block}): s = i
    t1 = time.perf_counter()
    for i in range({block}): s = {py_call}
    t2 = time.perf_counter()
    bare = min(bare, t1 - t0)
    busy = min(busy, t2 - t1)
print(bare, busy)"""
    return [emqxsh, "--norc", "-c", script], ["python3", "-c", python]


def call_time(command, block):
    """Nanoseconds a call takes: the best block with the call less the best bare block, per step."""
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    bare, busy = float(output[0]), float(output[1])
    return max(busy - bare, 0) * 1e9 / block


PAIRS = 9
ROUNDS = 5
block = max(calls // (PAIRS * ROUNDS), 1)
for name in CASES:
    script, python = programs(name, ROUNDS, block)
    ours, theirs, ratios = [], [], []
    for pair in range(PAIRS):
        # This host runs at two speeds in spells of seconds; a pair's two short runs mostly share one, and the median
        # of the pairs' ratios is the ratio at either speed.
        first, second = (script, python) if pair % 2 == 0 else (python, script)
        times = {id(first): call_time(first, block)}
        times[id(second)] = call_time(second, block)
        ours.append(times[id(script)])
        theirs.append(times[id(python)])
        ratios.append(ours[-1] / theirs[-1] if theirs[-1] > 0 else float("inf"))
    print(f"  {name:<12} emqxsh {median(ours):7.1f} ns  CPython {median(theirs):7.1f} ns  ratio {median(ratios):.2f}")
