#!/usr/bin/env python3
"""usage: bench/builtins.py EMQXSH [CALLS] — the text and JSON builtins one call at a time against CPython's.

Each builtin runs CALLS times in a loop in emqxsh's language and in Python; the CPU time of the same loop without the
call is taken off each side, so what is left is the call. Best of five rounds, the four programs taking turns in each
(this machine's other work adds, never takes away). Prints nanoseconds per call on each side and their ratio.
"""
import resource
import subprocess
import sys

emqxsh = sys.argv[1]
calls = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000

# name: (emqxsh setup, emqxsh call, Python setup, Python call); each call's value is stored, as a script would.
CASES = {
    "loop": ('let t = "a"', "$t", 't = "a"', "t"),
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
    # literal is not in the text, long pieces joined with a longer separator.
    "split_utf8": ('let t = "capteurs/étage1/salle2/température"', 'split($t, "/")',
                   't = "capteurs/étage1/salle2/température"', 't.split("/")'),
    "replace_utf8": ('let t = "capteurs/étage1/salle2/température"', 'replace($t, "temp", "TEMP")',
                     't = "capteurs/étage1/salle2/température"', 't.replace("temp", "TEMP")'),
    "split_words": ('let t = "2026-12-02 13:45:59 INFO client dev-12 connected"', "split($t)",
                    't = "2026-12-02 13:45:59 INFO client dev-12 connected"', "t.split()"),
    "regex_miss": ('let t = "factory/line-3/machine-74/temp"', '$t =~ "pump-[0-9]+"',
                   'import re\np = re.compile(r"pump-[0-9]+")\nt = "factory/line-3/machine-74/temp"',
                   'p.search(t) is not None'),
    "join_long": ('let l = ["building-north-wing-a", "floor1-east-corridor", "room2-lab-bench", "temperature"]',
                  'join($l, " / ")',
                  'l = ["building-north-wing-a", "floor1-east-corridor", "room2-lab-bench", "temperature"]',
                  '" / ".join(l)'),
}


def cpu(command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def programs(name):
    setup, call, py_setup, py_call = CASES[name]
    script = f"{setup}\nlet s = null\nfor i in 0..<{calls} {{ s = {call} }}"
    python = f"{py_setup}\ns = None\nfor i in range({calls}): s = {py_call}"
    return [emqxsh, "--norc", "-c", script], ["python3", "-c", python]


def best_of_rounds(commands, rounds=5):
    """The best CPU time of each command over `rounds` rounds, the commands taking turns in each: a slow spell of
    this machine then lands on all of them, not on one side's runs in a row."""
    best = [float("inf")] * len(commands)
    for _ in range(rounds):
        for index, command in enumerate(commands):
            best[index] = min(best[index], cpu(command))
    return best


for name in CASES:
    if name == "loop":
        continue
    loop_script, loop_python = programs("loop")
    script, python = programs(name)
    base_emqxsh, call_emqxsh, base_python, call_python = best_of_rounds([loop_script, script, loop_python, python])
    ours = max(call_emqxsh - base_emqxsh, 0) * 1e9 / calls
    theirs = max(call_python - base_python, 0) * 1e9 / calls
    ratio = ours / theirs if theirs > 0 else float("inf")
    print(f"  {name:<12} emqxsh {ours:7.1f} ns  CPython {theirs:7.1f} ns  ratio {ratio:.2f}")
