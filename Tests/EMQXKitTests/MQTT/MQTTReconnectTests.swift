import EMQXKit
import EMQXSandbox
import Testing

/// A client with a reconnect policy outlives its connection: the sandbox's listener is stopped (dropping every
/// connection) and started again, and the client comes back on its own, with its session or its subscriptions.
@Suite(.timeLimit(.minutes(2))) struct MQTTReconnectTests {
    func options(_ sandbox: Sandbox, _ id: String, persistent: Bool) -> MQTTClientOptions {
        var options = MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: id)
        options.reconnect = MQTTReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .milliseconds(400))
        if persistent {
            options.cleanStart = false
            options.sessionExpiry = 600
        }
        return options
    }

    @Test(arguments: [true, false])
    func aDroppedConnectionComesBackAndMessagesGoOn(_ persistent: Bool) async throws {
        try await withSandbox { sandbox, api in
            let client = try await MQTTClient.connect(
                options(sandbox, "comeback-\(persistent)", persistent: persistent))
            #expect(try await client.subscribe(["back/#"], qos: 1) == [1])
            var received = client.messages.makeAsyncIterator()
            _ = try await api.raw(.post, "/listeners/tcp:default/stop")
            // While the listener is down, a persistent session keeps its QoS 1 messages for it.
            if persistent {
                _ = try await api.raw(.post, "/publish", body: ["topic": "back/kept", "payload": "k", "qos": 1])
            }
            try await Task.sleep(for: .milliseconds(300))
            _ = try await api.raw(.post, "/listeners/tcp:default/start")
            if persistent {
                let kept = try #require(await received.next(), "the session's message, once resumed")
                #expect(kept.topic == "back/kept")
            }
            // Subscribed as before (the session resumed, or subscribed again): a new message arrives.
            for _ in 0..<250 where await sandbox.state.client("comeback-\(persistent)")?.isConnected != true {
                try await Task.sleep(for: .milliseconds(20))
            }
            for _ in 0..<250 where await sandbox.state.client("comeback-\(persistent)")?.subscriptions.isEmpty ?? true {
                try await Task.sleep(for: .milliseconds(20))
            }
            _ = try await api.raw(.post, "/publish", body: ["topic": "back/new", "payload": "n", "qos": 1])
            let next = try #require(await received.next())
            #expect(next.topic == "back/new")
            #expect(client.reconnects >= 1)
            await client.disconnect()
            #expect(await received.next() == nil, "disconnect ends the messages for good")
        }
    }

    @Test func withoutAPolicyTheMessagesEndWithTheConnection() async throws {
        try await withSandbox { sandbox, api in
            let client = try await MQTTClient.connect(
                MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: "once"))
            var received = client.messages.makeAsyncIterator()
            _ = try await api.raw(.post, "/listeners/tcp:default/stop")
            #expect(await received.next() == nil)
            await #expect {
                try await client.publish(MQTTClientMessage(topic: "t", payload: [], qos: 1))
            } throws: { ($0 as? EMQXError)?.code == .network }
        }
    }

    @Test func reconnectingGivesUpAfterItsAttempts() async throws {
        try await withSandbox { sandbox, api in
            var options = options(sandbox, "gives-up", persistent: false)
            options.reconnect?.maximumAttempts = 2
            let client = try await MQTTClient.connect(options)
            var received = client.messages.makeAsyncIterator()
            let stopped = ContinuousClock.now
            _ = try await api.raw(.post, "/listeners/tcp:default/stop")
            // The listener stays stopped: each attempt is taken and closed at once; after two, the client gives up.
            #expect(await received.next() == nil)
            #expect(client.reconnects == 0)
            // It did wait and try: 100 ms, then 200 ms, each less 20% at most (without a policy it ends at once).
            #expect(ContinuousClock.now - stopped >= .milliseconds(240))
        }
    }
}
