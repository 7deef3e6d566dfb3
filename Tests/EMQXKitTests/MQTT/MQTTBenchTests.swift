import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Testing

/// The load generator against the sandbox's broker and Debian's mosquitto: connections held and counted, messages
/// counted as sent and received, latency percentiles from real acknowledgements and send times.
@Suite(.timeLimit(.minutes(3))) struct MQTTBenchTests {
    func plan(_ kind: MQTTBenchPlan.Kind, port: Int, clients: Int, duration: Duration = .seconds(20)) -> MQTTBenchPlan {
        MQTTBenchPlan(
            kind: kind, clients: clients, connection: MQTTClientOptions(host: "127.0.0.1", port: port),
            duration: duration)
    }

    @Test func connHoldsItsConnectionsUntilCancelled() async throws {
        try await withSandbox { sandbox, _ in
            let run = Task {
                await MQTTBench.run(plan(.conn, port: sandbox.mqttPort, clients: 200, duration: .seconds(60)))
            }
            // While the run holds them, the broker has every connection.
            var held = 0
            for _ in 0..<1000 where held < 200 {
                try await Task.sleep(for: .milliseconds(20))
                held = await sandbox.state.connectedClientCount()
            }
            #expect(held == 200)
            // Cancelling (Ctrl-C at the prompt) ends the hold at once, with the report of what was done.
            run.cancel()
            let report = await run.value
            #expect(report.connected == 200 && report.failed == 0)
            #expect(report.connectionsPerSecond > 0 && report.connectLatency?.samples == 200)
            #expect(report.elapsed < .seconds(60))
            for _ in 0..<100 where await sandbox.state.connectedClientCount() > 0 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await sandbox.state.connectedClientCount() == 0, "the run closes what it opened")
        }
    }

    @Test(arguments: [0, 1, 2])
    func pubSendsItsCountAndSubCountsWhatArrives(_ qos: Int) async throws {
        try await withSandbox { sandbox, _ in
            // Fewer messages than a subscriber's queue holds (1,000, as EMQX's): a slow reader on a loaded machine
            // loses none.
            var receivers = plan(.sub, port: sandbox.mqttPort, clients: 2, duration: .seconds(90))
            receivers.topic = "load/#"
            receivers.qos = qos
            receivers.count = 2 * 5 * 100
            let receiving = Task { await MQTTBench.run(receivers) }
            for _ in 0..<250 where await sandbox.state.subscriptionCount() < 2 {
                try await Task.sleep(for: .milliseconds(20))
            }
            var senders = plan(.pub, port: sandbox.mqttPort, clients: 5, duration: .seconds(90))
            senders.topic = "load/%i"
            senders.qos = qos
            senders.count = 100
            senders.payloadSize = 64
            let sent = await MQTTBench.run(senders)
            #expect(sent.messages == 500 && sent.errors.isEmpty, "\(sent.errors)")
            #expect(sent.messagesPerSecond > 0 && sent.bytesPerSecond == sent.messagesPerSecond * 64)
            // QoS 1 and 2 are timed from publish to acknowledgement; QoS 0 has none.
            #expect(sent.messageLatency?.samples == (qos == 0 ? nil : 500))
            let received = await receiving.value
            #expect(received.messages == 1000, "each of 2 subscribers gets all 500")
            // The payloads carry their send time: every arrival is timed.
            let latency = try #require(received.messageLatency)
            #expect(latency.samples == 1000 && latency.p50 <= latency.p99 && latency.p99 <= latency.max)
        }
    }

    @Test func aRateIsKeptAndTheDurationBoundsTheRun() async throws {
        try await withSandbox { sandbox, _ in
            var limited = plan(.pub, port: sandbox.mqttPort, clients: 4, duration: .seconds(60))
            limited.messageRate = 200
            limited.count = 100
            let report = await MQTTBench.run(limited)
            // 400 messages at 200 a second take two seconds at least.
            #expect(report.messages == 400)
            #expect(report.messagesPerSecond < 240, "\(report.messagesPerSecond)")
            // Without a count, the duration ends the run.
            var unbounded = plan(.pub, port: sandbox.mqttPort, clients: 2, duration: .milliseconds(1500))
            unbounded.messageRate = 100
            let timed = await MQTTBench.run(unbounded)
            #expect(timed.elapsed < .seconds(10) && timed.messages <= 160, "\(timed.messages)")
        }
    }

    @Test func refusedConnectionsAreCountedWithTheirReason() async throws {
        try await withSandbox(mqttAuthentication: true) { sandbox, _ in
            let report = await MQTTBench.run(plan(.conn, port: sandbox.mqttPort, clients: 5, duration: .seconds(60)))
            #expect(report.connected == 0 && report.failed == 5)
            #expect(report.errors.values.reduce(0, +) == 5)
            #expect(report.errors.keys.contains { $0.contains("refused the connection") })
        }
    }

    @Test(.enabled(if: MosquittoBroker.isInstalled, "scripts/bootstrap installs Debian's mosquitto"))
    func mosquittoTakesTheLoadToo() async throws {
        let broker = try await MosquittoBroker.start()
        defer { broker.stop() }
        var senders = plan(.pub, port: broker.port, clients: 3)
        senders.qos = 1
        senders.count = 300
        let report = await MQTTBench.run(senders)
        #expect(report.messages == 900 && report.messageLatency?.samples == 900, "\(report.errors)")
    }
}
