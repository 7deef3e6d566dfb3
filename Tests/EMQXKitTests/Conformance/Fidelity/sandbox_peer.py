"""What both fidelity scripts need from a running sandbox: API requests with its credentials, and MQTT clients."""
import base64
import urllib.error
import urllib.request

import paho.mqtt.client as mqtt

# The sandbox runs inside the test process beside hundreds of other tests: on a loaded machine an answer can take
# seconds, so a request waits long (the test bounds the whole script).
TIMEOUT = 60
AUTH = "Basic " + base64.b64encode(b"sandbox:sandbox-secret").decode()


def request(base, method, path, data=None):
    """One API request; returns (status, body text), errors included."""
    req = urllib.request.Request(base + path, data=data, method=method.upper(),
                                 headers={"Authorization": AUTH, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def connect(port, client_id, username=None, password=None, protocol=mqtt.MQTTv5):
    """A connected MQTT client with its network loop running: returned once its CONNACK has arrived (a busy test
    run can take longer than a fixed pause, and the examples then found no such client)."""
    import threading
    connected = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=protocol)
    if username:
        client.username_pw_set(username, password)
    client.on_connect = lambda *_: connected.set()
    client.connect("127.0.0.1", port)
    client.loop_start()
    connected.wait(10)
    return client


def accepted(port, client_id, username=None, password=None, timeout=3.0):
    """Whether the broker accepts a connection: a successful CONNACK within the timeout (a refused or closed
    connection is False)."""
    import threading
    done, result = threading.Event(), []
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5)
    if username:
        client.username_pw_set(username, password)
    client.on_connect = lambda c, u, flags, code, props: (result.append(not code.is_failure), done.set())
    client.on_disconnect = lambda c, u, flags, code, props: done.set()
    try:
        client.connect("127.0.0.1", port)
    except OSError:
        return False
    client.loop_start()
    done.wait(timeout)
    client.disconnect()
    client.loop_stop()
    return bool(result and result[0])


def suback_codes(client, topic_filter, qos=0, timeout=3.0):
    """The reason codes of the SUBACK to one subscription of a connected client."""
    import threading
    done, codes = threading.Event(), []
    client.on_subscribe = lambda c, u, mid, reason_codes, props: (codes.extend(int(r.value) for r in reason_codes), done.set())
    client.subscribe(topic_filter, qos)
    done.wait(timeout)
    client.on_subscribe = None
    return codes


def request_as(base, method, path, authorization, data=None):
    """One API request with a given Authorization header (None: none); returns (status, body text)."""
    headers = {"Content-Type": "application/json"}
    if authorization:
        headers["Authorization"] = authorization
    req = urllib.request.Request(base + path, data=data, method=method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
