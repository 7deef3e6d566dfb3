"""MQTT behaviours checked with paho-mqtt, a real client library, against a running sandbox.

Usage: paho_scenarios.py PORT SCENARIO. Prints what it saw as one JSON line and exits 0,
or prints why it failed and exits 1. Every wait is bounded.
"""
import json
import socket
import sys
import threading
import time

import paho.mqtt.client as mqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from paho.mqtt.subscribeoptions import SubscribeOptions

HOST = "127.0.0.1"
PORT = int(sys.argv[1])
WAIT = 5.0


class Peer:
    """One connected client that records what it receives."""

    def __init__(self, client_id, v5=True, clean=True, expiry=None, will=None):
        protocol = mqtt.MQTTv5 if v5 else mqtt.MQTTv311
        kwargs = {} if v5 else {"clean_session": clean}
        self.client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=protocol, **kwargs)
        self.messages = []
        self.acks = {}
        self.connected = threading.Event()
        self.disconnected = threading.Event()
        self.session_present = None
        self.lock = threading.Condition()
        self.client.on_message = self._message
        self.client.on_connect = self._connect
        self.client.on_subscribe = self._subscribe
        self.client.on_disconnect = lambda *args: self.disconnected.set()
        if will:
            self.client.will_set(*will)
        properties = None
        if v5 and expiry is not None:
            properties = Properties(PacketTypes.CONNECT)
            properties.SessionExpiryInterval = expiry
        self.client.connect(HOST, PORT, keepalive=30, clean_start=clean if v5 else mqtt.MQTT_CLEAN_START_FIRST_ONLY,
                            properties=properties)
        self.client.loop_start()
        if not self.connected.wait(WAIT):
            fail(f"{client_id} did not connect")

    def _connect(self, client, userdata, flags, reason, properties):
        self.session_present = flags.session_present
        self.connected.set()

    def _subscribe(self, client, userdata, mid, reasons, properties):
        with self.lock:
            self.acks[mid] = [r.value for r in reasons]
            self.lock.notify_all()

    def _message(self, client, userdata, message):
        with self.lock:
            props = message.properties
            self.messages.append({
                "topic": message.topic, "payload": message.payload.decode(), "qos": message.qos, "retain": bool(message.retain),
                "user": dict(getattr(props, "UserProperty", []) or []) if props else {},
                "content_type": getattr(props, "ContentType", None) if props else None,
                "sub_ids": getattr(props, "SubscriptionIdentifier", None) if props else None,
            })
            self.lock.notify_all()

    def subscribe(self, topic, qos=0, options=None, properties=None):
        if options is not None:
            _, mid = self.client.subscribe(topic, options=options, properties=properties)
        else:
            _, mid = self.client.subscribe(topic, qos, properties=properties)
        with self.lock:
            if not self.lock.wait_for(lambda: mid in self.acks, WAIT):
                fail(f"no SUBACK for {topic}")
            return self.acks[mid]

    def wait_for(self, count):
        with self.lock:
            self.lock.wait_for(lambda: len(self.messages) >= count, WAIT)
            return list(self.messages)

    def wait_for_marker(self, publisher, topic):
        """Everything the broker sent before `publisher`'s marker on `topic` (which this peer receives) has arrived:
        deliveries to one connection keep their order, so absence before the marker is absence."""
        publisher.publish(topic, "marker", qos=1)
        with self.lock:
            if not self.lock.wait_for(lambda: any(m["payload"] == "marker" for m in self.messages), WAIT):
                fail(f"the marker on {topic} never arrived")
            return [m for m in self.messages if m["payload"] != "marker"]

    def publish(self, topic, payload, qos=0, retain=False, properties=None):
        info = self.client.publish(topic, payload, qos=qos, retain=retain, properties=properties)
        if qos > 0:
            info.wait_for_publish(WAIT)
            if not info.is_published():
                fail(f"publish to {topic} at QoS {qos} was not acknowledged")
        return info

    def close(self):
        """A clean DISCONNECT, sent before the network loop stops."""
        self.client.disconnect()
        self.disconnected.wait(WAIT)
        self.client.loop_stop()


def wait_until(condition):
    """Waits (bounded) until `condition` holds, checking it as events arrive on the peers' threads."""
    deadline = time.monotonic() + WAIT
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def fail(why):
    print(json.dumps({"failed": why}))
    sys.exit(1)


def expect(condition, why):
    if not condition:
        fail(why)


def qos_levels():
    sub = Peer("paho-sub")
    expect(sub.subscribe("q/#", 2) == [2], "granted QoS 2")
    pub = Peer("paho-pub")
    for qos in (0, 1, 2):
        pub.publish(f"q/{qos}", f"m{qos}", qos=qos)
    got = sub.wait_for(3)
    expect(sorted((m["topic"], m["qos"]) for m in got) == [("q/0", 0), ("q/1", 1), ("q/2", 2)], f"received {got}")
    low = Peer("paho-low")
    low.subscribe("q/#", 1)
    pub.publish("q/again", "down", qos=2)
    expect(low.wait_for(1)[0]["qos"] == 1, "QoS is the lower of publish and subscription")
    return {"received": len(got)}


def shared():
    members = [Peer(f"paho-member-{i}") for i in range(3)]
    for member in members:
        expect(member.subscribe("$share/g/s/#", 1) == [1], "shared subscription granted")
    pub = Peer("paho-shared-pub")
    for i in range(9):
        pub.publish(f"s/{i}", str(i), qos=1)
    # Each acknowledged publish was routed: wait until the nine deliveries have arrived.
    wait_until(lambda: sum(len(m.messages) for m in members) >= 9)
    counts = [len(m.messages) for m in members]
    payloads = sorted(int(x["payload"]) for m in members for x in m.messages)
    expect(payloads == list(range(9)), f"each message to exactly one member: {payloads}")
    expect(counts == [3, 3, 3], f"round robin: {counts}")
    return {"counts": counts}


def persistent_session():
    first = Peer("paho-durable", clean=False, expiry=300)
    first.subscribe("p/1", 1)
    first.close()
    # Whether the broker has read the DISCONNECT yet or not, the QoS 1 messages reach the session: queued while it
    # is offline, or in flight on the closing connection and sent again (DUP) when it resumes.
    pub = Peer("paho-durable-pub")
    for i in range(3):
        pub.publish("p/1", f"while away {i}", qos=1)
    pub.publish("p/1", "lost at qos 0", qos=0)
    again = Peer("paho-durable", clean=False, expiry=300)
    got = again.wait_for(3)
    expect(again.session_present, "session present on reconnect")
    expect([m["payload"] for m in got] == [f"while away {i}" for i in range(3)], f"queued messages: {got}")
    return {"session_present": True, "queued": len(got)}


def retained_and_will():
    pub = Peer("paho-retainer")
    pub.publish("r/1", "keep", qos=1, retain=True)
    late = Peer("paho-late")
    late.subscribe("r/#", 1)
    got = late.wait_for(1)
    expect(got[:1] == [{**got[0], "topic": "r/1", "payload": "keep", "retain": True}], f"retained: {got}")
    pub.publish("r/1", "", qos=1, retain=True)
    later = Peer("paho-later")
    later.subscribe("r/#", 1)
    expect(later.wait_for_marker(pub, "r/marker") == [], "an empty retained message clears it")
    watcher = Peer("paho-watcher")
    watcher.subscribe("will/#", 1)
    dying = Peer("paho-dying", will=("will/dying", "gone", 1, False))
    dying.client.loop_stop()
    dying.client.socket().close()  # no DISCONNECT: the will must go out
    got = watcher.wait_for(1)
    expect([m["payload"] for m in got] == ["gone"], f"will: {got}")
    polite = Peer("paho-polite", will=("will/polite", "should not", 1, False))
    polite.close()
    # Nothing MQTT can see marks the broker done with a closed connection: a bounded wait stands for it here.
    time.sleep(0.3)
    expect(len(watcher.messages) == 1, f"a DISCONNECT discards the will: {watcher.messages}")
    return {"will": "gone"}


def v5_features():
    me = Peer("paho-nolocal")
    properties = Properties(PacketTypes.SUBSCRIBE)
    properties.SubscriptionIdentifier = 7
    me.subscribe("n/1", options=SubscribeOptions(qos=1, noLocal=True), properties=properties)
    me.publish("n/1", "from myself", qos=1)
    other = Peer("paho-other")
    props = Properties(PacketTypes.PUBLISH)
    props.UserProperty = ("k", "v")
    props.ContentType = "text/plain"
    other.publish("n/1", "from another", qos=1, properties=props)
    # Acknowledged, "from myself" was routed before "from another" was sent: had it come back, it would be first.
    got = me.wait_for(1)
    expect([m["payload"] for m in me.messages] == ["from another"], f"no local: {me.messages}")
    expect(got[0]["user"] == {"k": "v"} and got[0]["content_type"] == "text/plain", f"properties: {got[0]}")
    expect(got[0]["sub_ids"] == [7], f"subscription identifier: {got[0]}")
    return {"properties": got[0]["user"]}


def mqtt311():
    sub = Peer("paho-311-sub", v5=False)
    sub.subscribe("old/+/x", 1)
    pub = Peer("paho-311-pub", v5=False)
    pub.publish("old/a/x", "one", qos=1)
    pub.publish("old/a/y", "not matched", qos=1)
    got = sub.wait_for_marker(pub, "old/marker/x")
    expect([m["payload"] for m in got] == ["one"], f"wildcard +: {got}")
    return {"received": len(got)}


def denied():
    me = Peer("paho-denied")
    codes = me.subscribe("secret/#", 1)
    expect(codes == [0x87], f"SUBACK for a denied filter: {codes}")
    expect(me.subscribe("open/#", 1) == [1], "other filters still allowed")
    result = {}
    done = threading.Event()

    def on_publish(client, userdata, mid, reason, properties):
        result["reason"] = reason.value
        done.set()

    me.client.on_publish = on_publish
    me.client.publish("secret/x", "no", qos=1)
    expect(done.wait(WAIT), "PUBACK for a denied publish")
    expect(result["reason"] == 0x87, f"PUBACK reason: {result}")
    return {"suback": codes, "puback": result["reason"]}


def malformed():
    bystander = Peer("paho-bystander")
    bystander.subscribe("b/1", 0)
    raw = socket.create_connection((HOST, PORT), timeout=WAIT)
    raw.sendall(b"\x10\xff\xff\xff\xff\x7f")
    expect(raw.recv(16) == b"", "the broker closes a connection that sends garbage")
    raw = socket.create_connection((HOST, PORT), timeout=WAIT)
    raw.sendall(b"\x30\x03\x00\x01t")  # PUBLISH before CONNECT
    expect(raw.recv(16) == b"", "the broker closes a connection that skips CONNECT")
    bystander.publish("b/1", "still here", qos=1)
    expect([m["payload"] for m in bystander.wait_for(1)] == ["still here"], "other connections carry on")
    return {"closed": 2}


def keepalive_and_ping():
    """Raw packets: PINGREQ is answered, and a client silent past 1.5 x its keepalive is disconnected."""
    raw = socket.create_connection((HOST, PORT), timeout=WAIT)
    # CONNECT, MQTT 3.1.1, clean session, keepalive 1 s, client id "ka".
    raw.sendall(bytes([0x10, 14, 0, 4]) + b"MQTT" + bytes([4, 0x02, 0, 1, 0, 2]) + b"ka")
    expect(raw.recv(4) == bytes([0x20, 2, 0, 0]), "CONNACK accepted")
    # The broker owns the keepalive clock, which restarts when the PINGREQ arrives: timing from before sending it
    # gives a lower bound that load cannot shrink (timing from the PINGRESP could, if it reaches us late).
    started = time.monotonic()
    raw.sendall(bytes([0xC0, 0]))
    expect(raw.recv(2) == bytes([0xD0, 0]), "PINGRESP")
    expect(raw.recv(16) == b"", "the silent client is disconnected")
    waited = time.monotonic() - started
    expect(1.0 <= waited <= 8.0, f"after about 1.5 keepalives, not {waited:.2f} s")
    return {"closed_after": round(waited, 1)}


SCENARIOS = {f.__name__: f for f in [keepalive_and_ping, qos_levels, shared, persistent_session, retained_and_will, v5_features, mqtt311, denied, malformed]}

if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[2]]()))
    sys.exit(0)
