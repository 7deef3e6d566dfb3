"""Calls every v5 operation the sandbox implements, with real MQTT clients connected, and validates
each status code and body against EMQX's OpenAPI document (ee-en.json) with jsonschema.

Usage: v5_fidelity.py SPEC BASE_URL MQTT_PORT. Prints a JSON report; exits 1 when an answer breaks the spec
(other than the exceptions below, each with its reason).
"""
import json
import sys
import time

import jsonschema
from sandbox_peer import connect, request

SPEC_PATH, BASE, MQTT_PORT = sys.argv[1], sys.argv[2].rstrip("/"), int(sys.argv[3])
SPEC = json.load(open(SPEC_PATH))
USERS = "/authentication/password_based%3Abuilt_in_database/users"
RULES = "/authorization/sources/built_in_database/rules"

import re

# Where CATALOG.md shows the document itself is wrong, one by one.
# A whole answer: (method, template, status) -> reason.
SPEC_ERRATA = {
    ("get", "/subscriptions", "200"): "the spec declares a bare array; EMQX answers {data, meta} (CATALOG.md, Subscriptions)",
    ("post", "/banned", "200"): "the 5.8.1 spec says {data:[ban]}; EMQX builds answer the ban object (CATALOG.md, Banned)",
    ("post", "/authentication/{id}/users", "409"): "EMQX answers 409 ALREADY_EXISTS for an existing user; the spec omits it (CATALOG.md, AuthN users)",
}
# One field: (field, the value EMQX sends) -> reason.
FIELD_ERRATA = {
    ("subscriptions_max", "infinity"): "typed integer, but EMQX (and the spec's own example) answer \"infinity\" when unlimited",
    ("username", None): "typed string, but a client without a user name is null in EMQX's answers and the spec's example",
    ("mountpoint", None): "typed string, but no mountpoint is null in EMQX's answers (the spec's example writes it as \"null\")",
}
# Fields EMQX sends that the document does not declare: field -> reason.
EXTRA_FIELDS = {
    "listener": "real client objects carry the listener id; the spec's client schema omits it (CATALOG.md, v5 client object)",
    "is_persistent": "real client objects say whether the session is durable; the spec omits it (CATALOG.md, v5 client object)",
}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
FORMATS = jsonschema.FormatChecker()
FORMATS.checks("date-time")(lambda value: not isinstance(value, str) or bool(RFC3339.match(value)))


def openapi_to_jsonschema(node):
    """OpenAPI 3.0 marks null with `nullable`; JSON Schema spells it as a type."""
    if isinstance(node, list):
        return [openapi_to_jsonschema(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: openapi_to_jsonschema(v) for k, v in node.items() if k not in ("example", "nullable")}
    # Unknown keys are refused: a field the document does not declare is a difference to name, or to excuse.
    if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
        out["additionalProperties"] = False
    if node.get("nullable"):
        if "type" in out and isinstance(out["type"], str):
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


COMPONENTS = openapi_to_jsonschema(SPEC["components"])


def call(method, path, body=None):
    return request(BASE, method, path, json.dumps(body).encode() if body is not None else None)


checked, problems, excused = [], [], []


def check(method, template, path, body=None, expect=None):
    status, text = call(method, path, body)
    key = (method, template, str(status))
    checked.append(f"{method.upper()} {template} {status}")
    if expect is not None and status != expect:
        problems.append({"call": f"{method.upper()} {path}", "problem": f"status {status}, expected {expect}", "body": text[:300]})
        return None
    if key in SPEC_ERRATA:
        excused.append({"call": f"{method.upper()} {template} {status}", "reason": SPEC_ERRATA[key]})
        return json.loads(text) if text.strip() else None
    operation = SPEC["paths"].get(template, {}).get(method)
    if operation is None:
        problems.append({"call": f"{method.upper()} {template}", "problem": "not in the spec"})
        return None
    response = operation.get("responses", {}).get(str(status))
    if response is None:
        problems.append({"call": f"{method.upper()} {path}", "problem": f"status {status} is not declared ({list(operation['responses'])})"})
        return None
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    value = json.loads(text) if text.strip() else None
    if schema is None:
        if value is not None and status == 204:
            problems.append({"call": f"{method.upper()} {path}", "problem": "204 with a body"})
        return value
    validator = jsonschema.Draft7Validator({**openapi_to_jsonschema(schema), "components": COMPONENTS}, format_checker=FORMATS)
    # Every error counts: an excused one must not hide another.
    for error in validator.iter_errors(value):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            declared = set(error.schema.get("properties", {}))
            unknown = sorted(set(error.instance) - declared)
            for name in unknown:
                if name in EXTRA_FIELDS:
                    excused.append({"call": f"{method.upper()} {template} {status}", "field": name, "reason": EXTRA_FIELDS[name]})
                else:
                    problems.append({"call": f"{method.upper()} {path} {status}", "problem": f"undeclared field {name!r}",
                                     "at": "/".join(str(p) for p in error.absolute_path)})
            continue
        field = error.absolute_path[-1] if error.absolute_path else None
        reason = FIELD_ERRATA.get((field, error.instance)) if not isinstance(error.instance, (dict, list)) else None
        if reason:
            excused.append({"call": f"{method.upper()} {template} {status}", "field": field, "reason": reason})
            continue
        problems.append({"call": f"{method.upper()} {path} {status}", "problem": error.message[:300],
                         "at": "/".join(str(p) for p in error.absolute_path)})
    return value




# Real traffic first, so lists, counters and topics are not empty.
peers = [connect(MQTT_PORT, "fid-1", "u1", "pw"), connect(MQTT_PORT, "fid-2")]
time.sleep(0.3)
peers[0].subscribe([("fid/#", 1), ("$share/g/fid/s", 0)])
peers[1].subscribe("other/+", 2)
time.sleep(0.3)
peers[1].publish("fid/x", "hello", qos=1)
peers[1].publish("fid/r", "kept", qos=1, retain=True)
time.sleep(0.3)

check("get", "/clients", "/clients", expect=200)
check("get", "/clients", "/clients?username=u1&conn_state=connected&page=1&limit=10", expect=200)
check("get", "/clients/{clientid}", "/clients/fid-1", expect=200)
check("get", "/clients/{clientid}", "/clients/nobody", expect=404)
check("get", "/clients/{clientid}/subscriptions", "/clients/fid-1/subscriptions", expect=200)
check("post", "/clients/{clientid}/subscribe", "/clients/fid-2/subscribe", {"topic": "api/1", "qos": 1}, expect=200)
check("post", "/clients/{clientid}/subscribe/bulk", "/clients/fid-2/subscribe/bulk", [{"topic": "api/2", "qos": 0}], expect=200)
check("post", "/clients/{clientid}/unsubscribe", "/clients/fid-2/unsubscribe", {"topic": "api/1"}, expect=204)
check("post", "/clients/{clientid}/unsubscribe/bulk", "/clients/fid-2/unsubscribe/bulk", [{"topic": "api/2"}], expect=204)
check("get", "/subscriptions", "/subscriptions", expect=200)
check("get", "/topics", "/topics", expect=200)
check("get", "/topics/{topic}", "/topics/fid%2F%23", expect=200)
check("get", "/topics/{topic}", "/topics/none", expect=404)
check("post", "/publish", "/publish", {"topic": "fid/api", "payload": "x", "qos": 1,
                                        "properties": {"user_properties": {"k": "v"}, "content_type": "text/plain"}}, expect=200)
check("post", "/publish", "/publish", {"topic": "nobody/listens", "payload": "x"}, expect=202)
check("post", "/publish", "/publish", {"topic": "bad/#", "payload": "x"}, expect=400)
check("post", "/publish/bulk", "/publish/bulk", [{"topic": "fid/a", "payload": "1"}, {"topic": "fid/b", "payload": "2"}], expect=200)

check("post", "/authentication/{id}/users", USERS, {"user_id": "alice", "password": "pw", "is_superuser": False}, expect=201)
check("post", "/authentication/{id}/users", USERS, {"user_id": "alice", "password": "pw"}, expect=None)
check("get", "/authentication/{id}/users", USERS, expect=200)
check("get", "/authentication/{id}/users/{user_id}", USERS + "/alice", expect=200)
check("put", "/authentication/{id}/users/{user_id}", USERS + "/alice", {"password": "new"}, expect=200)
check("get", "/authentication/{id}/users/{user_id}", USERS + "/nobody", expect=404)
check("delete", "/authentication/{id}/users/{user_id}", USERS + "/alice", expect=204)

for kind, name in (("users", "username"), ("clients", "clientid")):
    who = "bob" if kind == "users" else "fid-2"
    rule = {"topic": "t/1", "action": "publish", "permission": "deny"}
    check("post", f"/authorization/sources/built_in_database/rules/{kind}", f"{RULES}/{kind}", [{name: who, "rules": [rule]}], expect=204)
    check("get", f"/authorization/sources/built_in_database/rules/{kind}", f"{RULES}/{kind}", expect=200)
    check("get", f"/authorization/sources/built_in_database/rules/{kind}/{{{name}}}", f"{RULES}/{kind}/{who}", expect=200)
    check("put", f"/authorization/sources/built_in_database/rules/{kind}/{{{name}}}", f"{RULES}/{kind}/{who}",
          {name: who, "rules": [rule, {"topic": "t/2", "action": "all", "permission": "allow"}]}, expect=204)
    check("delete", f"/authorization/sources/built_in_database/rules/{kind}/{{{name}}}", f"{RULES}/{kind}/{who}", expect=204)
check("post", "/authorization/sources/built_in_database/rules/all", f"{RULES}/all",
      {"rules": [{"topic": "secret/#", "action": "all", "permission": "deny"}]}, expect=204)
check("get", "/authorization/sources/built_in_database/rules/all", f"{RULES}/all", expect=200)
check("delete", "/authorization/sources/built_in_database/rules/all", f"{RULES}/all", expect=204)

check("post", "/banned", "/banned", {"as": "clientid", "who": "evil", "reason": "fidelity"}, expect=200)
check("get", "/banned", "/banned", expect=200)
check("delete", "/banned/{as}/{who}", "/banned/clientid/evil", expect=204)
check("delete", "/banned/{as}/{who}", "/banned/clientid/evil", expect=404)

check("get", "/metrics", "/metrics", expect=200)
check("get", "/stats", "/stats", expect=200)
check("get", "/nodes", "/nodes", expect=200)
node = json.loads(call("get", "/nodes")[1])[0]["node"]
check("get", "/nodes/{node}", f"/nodes/{node}", expect=200)
check("get", "/nodes/{node}/metrics", f"/nodes/{node}/metrics", expect=200)
check("get", "/nodes/{node}/stats", f"/nodes/{node}/stats", expect=200)
check("get", "/alarms", "/alarms?activated=true", expect=200)
check("get", "/alarms", "/alarms?activated=false", expect=200)
check("delete", "/alarms", "/alarms", expect=204)

rule = check("post", "/rules", "/rules", {"sql": 'SELECT * FROM "fid/#"', "actions": ["console"], "description": "fidelity"}, expect=201)
check("get", "/rules", "/rules", expect=200)
if rule:
    check("get", "/rules/{id}", f"/rules/{rule['id']}", expect=200)
    check("delete", "/rules/{id}", f"/rules/{rule['id']}", expect=204)
check("get", "/rules/{id}", "/rules/nothing", expect=404)

check("post", "/trace", "/trace", {"name": "fid_trace", "type": "clientid", "clientid": "fid-2"}, expect=200)
check("post", "/trace", "/trace", {"name": "fid_trace", "type": "clientid", "clientid": "fid-3"}, expect=409)
check("post", "/trace", "/trace", {"name": "fid_topic", "type": "topic"}, expect=400)
peers[1].publish("fid/traced", "seen", qos=1)
time.sleep(0.3)
check("get", "/trace", "/trace", expect=200)
log = check("get", "/trace/{name}/log", "/trace/fid_trace/log?bytes=4096&position=0", expect=200)
if log is not None and "Topic=fid/traced" not in log.get("items", ""):
    problems.append({"call": "GET /trace/fid_trace/log", "problem": "the publish of the traced client is not logged"})
check("put", "/trace/{name}/stop", "/trace/fid_trace/stop", expect=200)
check("delete", "/trace/{name}", "/trace/fid_trace", expect=204)
check("delete", "/trace/{name}", "/trace/fid_trace", expect=404)
check("delete", "/trace", "/trace", expect=204)
check("get", "/mqtt/retainer/messages", "/mqtt/retainer/messages", expect=200)
check("get", "/mqtt/retainer/message/{topic}", "/mqtt/retainer/message/fid%2Fr", expect=200)
check("delete", "/mqtt/retainer/message/{topic}", "/mqtt/retainer/message/fid%2Fr", expect=204)
check("get", "/mqtt/retainer/message/{topic}", "/mqtt/retainer/message/fid%2Fr", expect=404)
check("delete", "/mqtt/retainer/messages", "/mqtt/retainer/messages", expect=204)

METERED = "/mqtt/topic_metrics/fid%2Fmetered"
check("post", "/mqtt/topic_metrics", "/mqtt/topic_metrics", {"topic": "fid/metered"}, expect=204)
check("post", "/mqtt/topic_metrics", "/mqtt/topic_metrics", {"topic": "fid/metered"}, expect=400)
check("post", "/mqtt/topic_metrics", "/mqtt/topic_metrics", {"topic": "fid/#"}, expect=400)
peers[1].publish("fid/metered", "m", qos=1)
time.sleep(0.3)
metered = check("get", "/mqtt/topic_metrics/{topic}", METERED, expect=200)
counts = (metered or {}).get("metrics", {})
if (counts.get("message.in.count"), counts.get("message.qos1.in.count"), counts.get("message.out.count")) != (1, 1, 1):
    problems.append({"call": "GET " + METERED, "problem": f"one QoS 1 publish to one subscriber counted as {counts}"})
check("get", "/mqtt/topic_metrics", "/mqtt/topic_metrics", expect=200)
check("put", "/mqtt/topic_metrics", "/mqtt/topic_metrics", {"action": "reset", "topic": "fid/metered"}, expect=204)
check("put", "/mqtt/topic_metrics", "/mqtt/topic_metrics", {"action": "reset", "topic": "fid/none"}, expect=404)
check("delete", "/mqtt/topic_metrics/{topic}", METERED, expect=204)
check("delete", "/mqtt/topic_metrics/{topic}", METERED, expect=404)

check("post", "/clients/kickout/bulk", "/clients/kickout/bulk", ["fid-2"], expect=204)
check("delete", "/clients/{clientid}", "/clients/fid-1", expect=204)
check("delete", "/clients/{clientid}", "/clients/fid-1", expect=404)
for peer in peers:
    peer.loop_stop()

# Every exception must still be needed: one that no answer used is stale, and hides nothing but itself.
used_calls = {e["call"] for e in excused if "field" not in e}
used_fields = {e["field"] for e in excused if "field" in e}
for (method, template, status), reason in SPEC_ERRATA.items():
    if f"{method.upper()} {template} {status}" not in used_calls:
        problems.append({"call": f"{method.upper()} {template} {status}", "problem": "a stale exception: no answer needed it"})
for field in set(EXTRA_FIELDS) | {field for field, _ in FIELD_ERRATA}:
    if field not in used_fields:
        problems.append({"call": field, "problem": "a stale field exception: no answer needed it"})
unique_excuses = list({json.dumps(e, sort_keys=True): e for e in excused}.values())
print(json.dumps({"checked": len(checked), "problems": problems, "excused": unique_excuses}, indent=1))
sys.exit(1 if problems else 0)
