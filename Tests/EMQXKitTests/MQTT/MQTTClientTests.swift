import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

/// EMQXKit's MQTT client against the sandbox's broker and against Debian's mosquitto clients: QoS 0, 1 and 2 both
/// ways, MQTT 5 properties, refusals with MQTT's reason.
@Suite(.timeLimit(.minutes(2))) struct MQTTClientTests {
    /// The next message, or nil after `seconds`.
    func next(_ client: MQTTClient, within seconds: Double = 5) async -> MQTTClientMessage? {
        await withTaskGroup(of: MQTTClientMessage?.self) { group in
            group.addTask {
                var iterator = client.messages.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// A reader and a writer on one broker: every QoS arrives as sent, a retained message reaches a later
    /// subscriber, and nothing arrives after unsubscribing.
    func exchange(port: Int, _ version: MQTTClientOptions.ProtocolVersion) async throws {
        let options = { (id: String) in
            MQTTClientOptions(host: "127.0.0.1", port: port, clientID: id, version: version)
        }
        let reader = try await MQTTClient.connect(options("reader"))
        let writer = try await MQTTClient.connect(options("writer"))
        #expect(try await reader.subscribe(["kit/#"], qos: 2) == [2])
        for qos in 0...2 {
            try await writer.publish(MQTTClientMessage(topic: "kit/\(qos)", payload: Array("q\(qos)".utf8), qos: qos))
            let message = try #require(await next(reader), "QoS \(qos) arrives")
            #expect(message.topic == "kit/\(qos)" && message.payload == Array("q\(qos)".utf8))
            #expect(message.qos == qos && message.receivedAt != nil && !message.retain)
        }
        try await reader.unsubscribe(["kit/#"])
        try await writer.publish(MQTTClientMessage(topic: "kit/kept", payload: [1], qos: 1, retain: true))
        #expect(await next(reader, within: 0.3) == nil, "nothing after unsubscribing")
        let late = try await MQTTClient.connect(options("late"))
        _ = try await late.subscribe(["kit/kept"], qos: 1)
        let kept = try #require(await next(late), "the retained message")
        #expect(kept.retain && kept.payload == [1])
        for client in [reader, writer, late] { await client.disconnect() }
    }

    @Test(arguments: [MQTTClientOptions.ProtocolVersion.v5, .v311])
    func messagesTravelAtEveryQoS(_ version: MQTTClientOptions.ProtocolVersion) async throws {
        try await withSandbox { sandbox, _ in try await exchange(port: sandbox.mqttPort, version) }
    }

    @Test(
        .enabled(if: MosquittoBroker.isInstalled, "scripts/bootstrap installs Debian's mosquitto"),
        arguments: [MQTTClientOptions.ProtocolVersion.v5, .v311])
    func messagesTravelThroughMosquitto(_ version: MQTTClientOptions.ProtocolVersion) async throws {
        let broker = try await MosquittoBroker.start()
        defer { broker.stop() }
        try await exchange(port: broker.port, version)
    }

    @Test func mqtt5PropertiesArriveAsSent() async throws {
        try await withSandbox { sandbox, _ in
            let options = MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: "props")
            let client = try await MQTTClient.connect(options)
            _ = try await client.subscribe(["req/+"], qos: 1)
            let sent = MQTTClientMessage(
                topic: "req/1", payload: [0, 1, 255], qos: 1,
                userProperties: [MQTTUserProperty(name: "k", value: "v"), MQTTUserProperty(name: "k", value: "w")],
                contentType: "application/octet-stream", responseTopic: "resp/1", correlationData: [7, 7])
            try await client.publish(sent)
            let got = try #require(await next(client))
            #expect(got.userProperties == sent.userProperties && got.contentType == sent.contentType)
            #expect(got.responseTopic == "resp/1" && got.correlationData == [7, 7] && got.payload == [0, 1, 255])
            await client.disconnect()
        }
    }

    @Test func refusalsNameTheirReason() async throws {
        var stoppedPort = 0
        try await withSandbox(mqttAuthentication: true) { sandbox, _ in
            stoppedPort = sandbox.mqttPort
            let anonymous = MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: "nobody")
            await #expect {
                _ = try await MQTTClient.connect(anonymous)
            } throws: { error in
                let error = error as? EMQXError
                return error?.code == .unauthorized && error?.message.contains("0x") == true
            }
        }
        // The sandbox has stopped: nothing listens on its port any more.
        await #expect {
            _ = try await MQTTClient.connect(MQTTClientOptions(host: "127.0.0.1", port: stoppedPort))
        } throws: { ($0 as? EMQXError)?.code == .network }
    }

    @Test func mosquittoClientsAndTheKitUnderstandEachOther() async throws {
        try await withSandbox { sandbox, _ in
            let port = String(sandbox.mqttPort)
            let subscriber = try PeerProcess(
                "mosquitto_sub", ["-p", port, "-t", "interop/kit", "-q", "1", "-C", "1", "-i", "mosq-reader"])
            defer { subscriber.stop() }
            let client = try await MQTTClient.connect(
                MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: "kit", version: .v311))
            _ = try await client.subscribe(["interop/mosquitto"], qos: 1)
            // mosquitto_sub prints nothing when ready: publish until it has the message.
            var seen = false
            for _ in 0..<50 where !seen {
                try await client.publish(
                    MQTTClientMessage(topic: "interop/kit", payload: Array("from kit".utf8), qos: 1))
                seen = await subscriber.waitForOutput("from kit", within: 0.2)
            }
            #expect(seen)
            let run = try await PeerProcess.run(
                "mosquitto_pub", ["-p", port, "-t", "interop/mosquitto", "-m", "from mosquitto", "-q", "2"])
            #expect(run.status == 0)
            let message = try #require(await next(client))
            #expect(String(decoding: message.payload, as: UTF8.self) == "from mosquitto")
            await client.disconnect()
        }
    }

    @Test func tlsTrustsThePinnedCertificateAndRefusesAnother() async throws {
        try await withSandbox { sandbox, _ in
            let pin = try #require(sandbox.certificate?.sha256Fingerprint)
            let options = MQTTClientOptions(
                host: "127.0.0.1", port: sandbox.mqttTLSPort, clientID: "over-tls", tls: TLSOptions(pinnedSHA256: pin))
            let client = try await MQTTClient.connect(options)
            #expect(try await client.subscribe(["secure/#"], qos: 1) == [1])
            try await client.publish(MQTTClientMessage(topic: "secure/1", payload: [1], qos: 1))
            #expect(try #require(await next(client)).topic == "secure/1")
            await client.disconnect()
            var wrong = options
            wrong.tls = TLSOptions(pinnedSHA256: String(repeating: "ab", count: 32))
            await #expect {
                _ = try await MQTTClient.connect(wrong)
            } throws: { error in
                let error = error as? EMQXError
                return error?.code == .tls && error?.message.contains("does not match the pin") == true
            }
            // The system store does not know the sandbox's own CA.
            wrong.tls = TLSOptions()
            await #expect {
                _ = try await MQTTClient.connect(wrong)
            } throws: { ($0 as? EMQXError)?.code == .tls }
        }
    }
}
