import EMQXJSON
import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

/// Real MQTT clients (Debian's mosquitto-clients and PyPI's paho-mqtt) against the sandbox, seen and steered through
/// EMQXKit.
@Suite struct MQTTPeerTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "MQTTPeers/paho_scenarios.py"
    ).path

    /// Runs one paho scenario against the sandbox's MQTT port; it prints what it saw as one JSON line.
    func paho(_ scenario: String, port: Int) async throws -> JSONValue {
        let run = try await PeerProcess.run("python3", [Self.scenarios, String(port), scenario], within: 40)
        #expect(run.status == 0, "paho scenario \(scenario): \(run.stdout) \(run.stderr)")
        return try JSONParser.parse(run.stdout.split(separator: "\n").last.map(String.init) ?? "null")
    }

    /// Polls until `condition` holds (an error counts as not yet), for at most ten seconds.
    func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<500 {
            if (try? await condition()) == true { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test(arguments: [
        "qos_levels", "shared", "persistent_session", "retained_and_will", "v5_features", "mqtt311", "malformed",
        "keepalive_and_ping",
    ])
    func pahoScenario(_ scenario: String) async throws {
        try await withSandbox { sandbox, client in
            _ = try await paho(scenario, port: sandbox.mqttPort)
            // The traffic shows in the management API's counters.
            let metrics = try await client.metrics().first?.values ?? [:]
            #expect((metrics["packets.received"]?.intValue ?? 0) > 0)
            if scenario != "keepalive_and_ping" { #expect((metrics["messages.received"]?.intValue ?? 0) > 0) }
        }
    }

    @Test func malformedPacketsAreLoggedAndCloseOnlyTheirConnection() async throws {
        let lines = LogLines()
        let sandbox = try Sandbox(configuration: SandboxConfiguration(useTLS: false, log: { lines.append($0) }))
        try await sandbox.start()
        _ = try await paho("malformed", port: sandbox.mqttPort)
        await sandbox.stop()
        #expect(
            lines.all.contains {
                $0.hasPrefix("mqtt: closing 127.0.0.1:") && $0.hasSuffix("remaining length longer than four bytes")
            })
        #expect(lines.all.contains { $0.hasSuffix("the first packet must be CONNECT") })
    }

    @Test(arguments: apiStyles)
    func aclRulesFromTheAPIAreEnforced(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { sandbox, client in
            try await client.addACLRule(ACLRule(principal: .all, topic: "secret/#", action: .all, permission: .deny))
            let seen = try await paho("denied", port: sandbox.mqttPort)
            #expect(seen["suback"] == [135] && seen["puback"] == 135)
        }
    }

    @Test(arguments: apiStyles)
    func mosquittoClientIsListedPublishedToSubscribedAndKicked(
        _ style: Sandbox.APIStyle, _ generation: APIGeneration
    ) async throws {
        try await withSandbox(style) { sandbox, client in
            let port = String(sandbox.mqttPort)
            let watcher = try PeerProcess(
                "mosquitto_sub",
                [
                    "-h", "127.0.0.1", "-p", port, "-V", "mqttv5", "-i", "watcher", "-u", "ops", "-t", "api/#", "-q",
                    "1", "-v",
                ])
            #expect(try await eventually { try await client.subscriptions(of: "watcher").map(\.topic) == ["api/#"] })
            let seen = try await client.client("watcher")
            #expect(
                seen.isConnected && seen.username == "ops" && seen.protocolVersion == 5 && seen.ipAddress == "127.0.0.1"
            )
            let result = try await client.publish(PublishMessage(topic: "api/1", payload: "hello from the API", qos: 1))
            #expect(result.delivered)
            #expect(await watcher.waitForOutput("api/1 hello from the API"))
            // Its own counters moved: CONNECT and SUBSCRIBE in, CONNACK, SUBACK and the PUBLISH out.
            let counters = try await client.client("watcher").raw
            #expect((counters["recv_pkt"]?.intValue ?? 0) >= 2 && (counters["send_pkt"]?.intValue ?? 0) >= 3)
            #expect((counters["send_oct"]?.intValue ?? 0) > 30 && counters["send_msg"] == 1)
            // An API subscribe adds to the live connection: the next publish on that topic reaches it.
            try await client.subscribe("watcher", to: [SubscribeRequest(topic: "extra/1", qos: 0)])
            try await client.publish(PublishMessage(topic: "extra/1", payload: "via api subscribe"))
            #expect(await watcher.waitForOutput("extra/1 via api subscribe"))
            let stats = try await client.stats().first?.values ?? [:]
            #expect(stats["connections.count"] == 1 && stats["subscriptions.count"] == 2)
            try await client.kick("watcher")
            #expect(await watcher.waitForExit(within: 5), "a kicked MQTT 5 client is disconnected")
            #expect(try await client.clients().collect().isEmpty)
        }
    }

    @Test func mosquittoPublisherReachesAPISeenSubscriberAndRetainedIsKept() async throws {
        try await withSandbox { sandbox, client in
            let port = String(sandbox.mqttPort)
            let pub = try await PeerProcess.run(
                "mosquitto_pub", ["-h", "127.0.0.1", "-p", port, "-t", "kept/1", "-m", "last value", "-r", "-q", "1"])
            #expect(pub.status == 0, "\(pub.stderr)")
            let sub = try await PeerProcess.run(
                "mosquitto_sub", ["-h", "127.0.0.1", "-p", port, "-t", "kept/#", "-C", "1", "-v", "-W", "5"])
            #expect(sub.stdout == "kept/1 last value\n")
            let stats = try await client.stats().first?.values ?? [:]
            #expect(stats["retained.count"] == 1)
        }
    }

    @Test(arguments: apiStyles)
    func anOfflinePersistentSessionQueuesWhatIsPublished(
        _ style: Sandbox.APIStyle, _ generation: APIGeneration
    ) async throws {
        try await withSandbox(style) { sandbox, client in
            let durable = try PeerProcess(
                "mosquitto_sub",
                [
                    "-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-i", "durable", "-c", "-t", "jobs/#", "-q", "1",
                ])
            #expect(try await eventually { try await client.subscriptions(of: "durable").count == 1 })
            kill(durable.processIdentifier, SIGKILL)
            #expect(try await eventually { try await client.client("durable").isConnected == false })
            for n in 1...2 { try await client.publish(PublishMessage(topic: "jobs/\(n)", payload: "job \(n)", qos: 1)) }
            let queued = try await client.client("durable").raw
            #expect(queued["mqueue_len"] == 2 && queued["connected"] == false && queued["clean_start"] == false)
        }
    }

    @Test func loginsAndBansAreEnforced() async throws {
        try await withSandbox(mqttAuthentication: true) { sandbox, client in
            let port = String(sandbox.mqttPort)
            func publish(_ extra: [String]) async throws -> (status: Int32?, stdout: String, stderr: String) {
                try await PeerProcess.run(
                    "mosquitto_pub", ["-h", "127.0.0.1", "-p", port, "-t", "t", "-m", "x"] + extra)
            }
            let anonymous = try await publish([])
            #expect(anonymous.status != 0 && anonymous.stderr.contains("not authorised"))
            try await client.addUser("alice", password: "s3cret")
            #expect(try await publish(["-u", "alice", "-P", "s3cret"]).status == 0)
            let wrong = try await publish(["-u", "alice", "-P", "nope", "-V", "mqttv311"])
            #expect(wrong.status != 0 && wrong.stderr.contains("bad user name or password"))
            try await client.ban(Ban(kind: .clientid, who: "evil", reason: "tests"))
            let banned = try await publish(["-u", "alice", "-P", "s3cret", "-i", "evil"])
            #expect(banned.status != 0 && banned.stderr.contains("not authorised"))
        }
    }

    @Test func tlsListenerServesTheSandboxCertificate() async throws {
        try await withSandbox { sandbox, client in
            let pem = FileManager.default.temporaryDirectory.appendingPathComponent(
                "emqxsh-mqtt-\(UUID().uuidString).pem"
            ).path
            try (sandbox.certificate?.certificatePEM ?? "").write(toFile: pem, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: pem) }
            let tls = ["-h", "127.0.0.1", "-p", String(sandbox.mqttTLSPort), "--cafile", pem]
            let sub = try PeerProcess("mosquitto_sub", tls + ["-i", "secure", "-t", "tls/#", "-C", "1", "-v"])
            #expect(try await eventually { try await client.subscriptions(of: "secure").count == 1 })
            try await client.publish(PublishMessage(topic: "tls/1", payload: "over TLS"))
            let done = await sub.finish(within: 5)
            #expect(done.stdout == "tls/1 over TLS\n")
        }
    }
}

/// Log lines a sandbox reports, collected for a test.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
