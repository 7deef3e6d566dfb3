import EMQXKit
import EMQXSandbox
import Testing

/// Where a deployment's MQTT side is and how to reach it: MQTT URLs, EMQX Cloud's default, and MQTT over
/// WebSocket and secure WebSocket to the sandbox's `ws` and `wss` listeners.
@Suite(.timeLimit(.minutes(2))) struct MQTTTransportTests {
    @Test(arguments: [
        ("mqtt://broker.example", "mqtt://broker.example:1883"),
        ("mqtts://broker.example", "mqtts://broker.example:8883"),
        ("ws://broker.example", "ws://broker.example:8083/mqtt"),
        ("wss://broker.example:443/custom/path", "wss://broker.example:443/custom/path"),
        ("MQTT://10.0.0.1:11883", "mqtt://10.0.0.1:11883"),
        ("mqtts://[::1]:8883", "mqtts://[::1]:8883"),
        ("mqtt://host:1883/ignored", "mqtt://host:1883"),
    ])
    func urlsAreReadWithEMQXsDefaults(_ url: String, _ shown: String) throws {
        #expect(try MQTTEndpoint(url).description == shown)
    }

    @Test(arguments: [
        ("broker.example:1883", "no MQTT address"),
        ("http://broker.example", "http:// is no MQTT transport"),
        ("mqtt://:1883", "has no host"),
        ("mqtt://broker.example:70000", "no valid port"),
        ("mqtt://broker.example:x", "no valid port"),
    ])
    func badURLsSayWhatIsWrong(_ url: String, _ problem: String) {
        #expect {
            _ = try MQTTEndpoint(url)
        } throws: { ($0 as? EMQXError)?.message.contains(problem) == true }
    }

    @Test(arguments: [
        ("abc123.ala.us-east-1.emqxsl.com", "mqtts://abc123.ala.us-east-1.emqxsl.com:8883"),
        ("x.dedicated.aws.mqttce.net", "mqtts://x.dedicated.aws.mqttce.net:8883"),
        ("m6b760b9.en.emqx.cloud", "mqtts://m6b760b9.en.emqx.cloud:8883"),
        ("emqx.internal.example", nil),
        ("127.0.0.1", nil),
    ])
    func emqxCloudHostsHaveTheirMQTTSideByDefault(_ host: String, _ expected: String?) throws {
        #expect(MQTTEndpoint.cloudDefault(forAPIHost: host)?.description == expected)
        let deployment = try Deployment(name: "d", url: "https://\(host):8443/api/v5", credentials: nil)
        #expect(deployment.mqttBroker?.description == expected)
    }

    /// A reader over one transport, a writer over another: every QoS arrives, also a payload larger than a
    /// WebSocket frame's usual 16 KiB.
    @Test func mqttTravelsOverWebSocketAndSecureWebSocket() async throws {
        try await withSandbox { sandbox, _ in
            let pin = TLSOptions(pinnedSHA256: sandbox.certificate?.sha256Fingerprint)
            let ws = MQTTEndpoint(transport: .webSocket, host: "127.0.0.1", port: sandbox.mqttWebSocketPort)
            let wss = MQTTEndpoint(
                transport: .secureWebSocket, host: "127.0.0.1", port: sandbox.mqttSecureWebSocketPort)
            let reader = try await MQTTClient.connect(MQTTClientOptions(endpoint: ws, clientID: "ws-reader", tls: pin))
            let writer = try await MQTTClient.connect(
                MQTTClientOptions(endpoint: wss, clientID: "wss-writer", tls: pin))
            #expect(try await reader.subscribe(["web/#"], qos: 2) == [2])
            var received = reader.messages.makeAsyncIterator()
            for qos in 0...2 {
                let payload = Array(repeating: UInt8(qos), count: qos == 2 ? 100_000 : 10)
                try await writer.publish(MQTTClientMessage(topic: "web/\(qos)", payload: payload, qos: qos))
                let message = try #require(await received.next())
                #expect(message.topic == "web/\(qos)" && message.payload == payload && message.qos == qos)
            }
            #expect(await sandbox.state.client("ws-reader")?.listener == "ws:default")
            #expect(await sandbox.state.client("wss-writer")?.listener == "wss:default")
            await reader.disconnect()
            await writer.disconnect()
        }
    }

    @Test func aPathThatIsNoWebSocketIsRefusedClearly() async throws {
        try await withSandbox { sandbox, _ in
            let wrongPath = MQTTEndpoint(
                transport: .webSocket, host: "127.0.0.1", port: sandbox.mqttWebSocketPort, path: "/nothing")
            await #expect {
                _ = try await MQTTClient.connect(MQTTClientOptions(endpoint: wrongPath, clientID: "lost"))
            } throws: { error in
                let error = error as? EMQXError
                return error?.code == .network && error?.message.contains("/nothing") == true
            }
            // A plain MQTT port does not speak HTTP: the connect fails within its time limit, and says where.
            var options = MQTTClientOptions(
                endpoint: MQTTEndpoint(transport: .webSocket, host: "127.0.0.1", port: sandbox.mqttPort))
            options.connectTimeout = .seconds(2)
            await #expect {
                _ = try await MQTTClient.connect(options)
            } throws: { ($0 as? EMQXError)?.code == .network }
        }
    }
}
