"""Replays the response examples of EMQX 4.4's HTTP API documentation against the sandbox's v4 API,
with real MQTT clients named as in the examples, and compares each answer field by field with the example.

Usage: v4_fidelity.py DOC BASE_URL MQTT_PORT. Prints a JSON report; exits 1 on any difference
other than the errata below, each with its reason. Examples of endpoints the sandbox does not serve are listed, not failed.
"""
import json
import re
import shlex
import sys
import time
import urllib.parse

import paho.mqtt.client as mqtt
from sandbox_peer import connect, request

DOC, BASE, MQTT_PORT = sys.argv[1], sys.argv[2].rstrip("/"), int(sys.argv[3])
ORIGIN = "http://localhost:8081/api/v4"

# Where the document disagrees with itself or with 4.4: (endpoint, field) -> reason.
ERRATA = {
    ("GET /nodes/emqx@127.0.0.1", "memory_total"): "this example has a number; the GET /nodes example (same object) has \"118.27M\"",
    ("GET /nodes/emqx@127.0.0.1", "memory_used"): "this example has a number; the GET /nodes example (same object) has \"96.75M\"",
    ("GET /clients", "hasnext"): "the document's note: after 4.1, meta gained hasnext",
    ("GET /nodes/emqx@127.0.0.1/clients", "hasnext"): "the document's note: after 4.1, meta gained hasnext",
    ("GET /subscriptions", "hasnext"): "the document's note: after 4.1, meta gained hasnext",
    ("GET /routes", "hasnext"): "the document's note: after 4.1, meta gained hasnext",
    ("GET /banned", "hasnext"): "the document's note: after 4.1, meta gained hasnext",
}


def examples():
    """(method, path, body, expected JSON) for every curl example in the document that shows a JSON answer."""
    text = open(DOC).read()
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        lines = block.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("$ curl")), None)
        if start is None:
            continue
        for end in range(start + 1, len(lines) + 1):
            command = "\n".join(lines[start:end])[2:]
            try:
                words = shlex.split(command.replace("\\\n", " "))
            except ValueError:
                continue
            if not command.endswith("\\"):
                break
        rest = "\n".join(lines[end:]).strip()
        brace = min([i for i in (rest.find("{"), rest.find("[")) if i >= 0], default=-1)
        if brace < 0:
            continue
        try:
            expected, _ = json.JSONDecoder().raw_decode(rest[brace:])
        except ValueError:
            continue
        method, url, body = "GET", None, None
        for index, word in enumerate(words):
            if word.startswith("-X") or word.startswith("-vX"):
                method = word.split("X", 1)[1] or words[index + 1]
            if word == "-d":
                body = words[index + 1]
            if word.startswith(ORIGIN):
                url = word[len(ORIGIN):]
        if url is not None:
            yield method.upper(), url, body, expected


def call(method, path, body):
    return request(BASE, method, path, body.encode() if body else None)


def kind(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", dict: "object", list: "array", type(None): "null"}[type(value)]


# Fields whose documented value is a fact to match, not an example of one: the result code, and the words an
# enumeration allows that the examples' own clients and records must show.
VALUE_FIELDS = {"code", "proto_name", "node_status", "as"}


def compare(expected, actual, at, endpoint, problems, excused):
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected.keys() | actual.keys():
            where = f"{at}/{key}"
            if (endpoint, key) in ERRATA:
                excused.append({"endpoint": endpoint, "field": key, "reason": ERRATA[(endpoint, key)]})
            elif key not in actual:
                problems.append({"endpoint": endpoint, "at": where, "problem": "missing (the example has it)"})
            elif key not in expected:
                problems.append({"endpoint": endpoint, "at": where, "problem": "not in the example"})
            elif key in VALUE_FIELDS and not isinstance(expected[key], (dict, list)) and expected[key] != actual[key]:
                problems.append({"endpoint": endpoint, "at": where,
                                 "problem": f"{json.dumps(actual[key])}, the document has {json.dumps(expected[key])}"})
            else:
                compare(expected[key], actual[key], where, endpoint, problems, excused)
    elif isinstance(expected, list) and isinstance(actual, list):
        if expected and actual:
            compare(expected[0], actual[0], at + "/0", endpoint, problems, excused)
    elif kind(expected) != kind(actual) and "null" not in (kind(expected), kind(actual)):
        problems.append({"endpoint": endpoint, "at": at, "problem": f"{kind(actual)}, the example has {kind(expected)} {json.dumps(expected)[:40]}"})


def connect_v311(client_id, username):
    return connect(MQTT_PORT, client_id, username, protocol=mqtt.MQTTv311)


# The clients and topics the examples name.
peers = [connect_v311("example", "test"), connect_v311("sample", "steve"), connect_v311("123", "test")]
time.sleep(0.3)
for peer in peers:
    peer.subscribe("a/b/c", 1)
time.sleep(0.3)
call("POST", "/banned", json.dumps({"who": "example", "as": "clientid", "reason": "example"}))

compared, skipped, problems, excused = [], [], [], []
# Kicks and deletes last, and after them listener restarts, which drop every connection.
ordered = sorted(examples(), key=lambda e: (e[1].endswith("/restart"), e[0] == "DELETE"))
rule_id = resource_id = None
for method, path, body, expected in ordered:
    endpoint = f"{method} {urllib.parse.unquote(path.split('?')[0])}"
    if rule_id:  # the examples' rule is the one the POST /rules example created here
        path = path.replace("rule:7fdb2c9e", rule_id)
    if resource_id:  # and likewise their resource
        path = path.replace("resource:b12d3e44", resource_id)
    status, text = call(method, path.replace("emqx@127.0.0.1", "emqx%40127.0.0.1"), body)
    if method == "POST" and path == "/rules" and status == 200:
        rule_id = json.loads(text)["data"]["id"]
    if method == "POST" and path == "/resources" and status == 200:
        resource_id = json.loads(text)["data"]["id"]
    if status == 404:
        skipped.append(endpoint)
        continue
    if status != 200:
        problems.append({"endpoint": endpoint, "problem": f"status {status}; the documented answer is a 200: {text[:80]}"})
        continue
    try:
        actual = json.loads(text)
    except ValueError:
        problems.append({"endpoint": endpoint, "problem": f"status {status}, not JSON: {text[:80]}"})
        continue
    compared.append(endpoint)
    compare(expected, actual, "", endpoint, problems, excused)
for peer in peers:
    peer.loop_stop()

print(json.dumps({"compared": compared, "not_served": skipped, "problems": problems,
                  "excused": list({json.dumps(e, sort_keys=True): e for e in excused}.values())}, indent=1))
sys.exit(1 if problems else 0)
