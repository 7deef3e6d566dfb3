import EMQXJSON
import EMQXKit
import EMQXScript

/// `bench conn|pub|sub`: MQTT load against the current deployment's broker, with live progress on stderr and a
/// summary a script can read.
enum BenchCommand {
    static let clients = CommandFlag<Int>.integer("clients", in: 1...100_000, "connections (default 1)")
    static let connectRate = CommandFlag<Int>.integer(
        "connect-rate", in: 1...1_000_000, "connections opened a second at most")
    static let rate = CommandFlag<Int>.integer("rate", in: 1...10_000_000, "pub: messages a second, all clients")
    static let count = CommandFlag<Int>.integer(
        "count", in: 1...Int(Int32.max), "pub: messages per client; sub: messages in all")
    static let duration = CommandFlag<String>.text("duration", "the longest the run takes: 30s, 2m (default 10s)")
    static let size = CommandFlag<Int>.integer("size", in: 0...(1 << 24), "pub: payload bytes (default 16)")
    static let topic = CommandFlag<String>.text("topic", "topic; %i is the client's number (default bench/%i)")
    static let hold = CommandFlag<String>.text("hold", "conn: hold the connections this long once open")
    static let progress = CommandFlag<Bool>.presence(
        "progress", "show progress on stderr each second also when not on a terminal")

    static let all: [any ShellCommand] = [
        Command(
            "bench", "MQTT load on the deployment's broker: conn, pub or sub, with rates and latency percentiles",
            example: "bench pub --clients 10 --qos 1 --count 1000 --size 256",
            signature: CommandSignature(
                ["conn|pub|sub"],
                flags: [
                    clients, connectRate, rate, count, duration, hold, MQTTCommands.qos, size, topic,
                    MQTTCommands.version, progress,
                ])
        ) { args, session in
            guard let word = args.word(0), let kind = MQTTBenchPlan.Kind(rawValue: word) else {
                throw ShellError.usage("bench: say what to run: conn, pub or sub (as in 'bench pub --clients 10')")
            }
            var connection = try MQTTCommands.clientOptions(session, "bench")
            connection.version = try args[MQTTCommands.version] ?? .v5
            var plan = MQTTBenchPlan(
                kind: kind, clients: try args[clients] ?? 1, connection: connection,
                duration: try SessionCommands.duration(try args[duration] ?? "10s", of: "bench: --duration"))
            plan.connectRate = try args[connectRate]
            plan.messageRate = try args[rate]
            plan.count = try args[count]
            plan.qos = try args[MQTTCommands.qos] ?? 0
            plan.payloadSize = try args[size] ?? 16
            plan.topic = try args[topic] ?? "bench/%i"
            plan.hold = try args[hold].map { try SessionCommands.duration($0, of: "bench: --hold") }
            // On a terminal one line, rewritten each second; elsewhere (a CI log) a line a second when asked.
            let (sink, terminal) = (session.sink, session.isTerminal)
            let shown = try terminal || (args[progress] ?? false)
            let report = await MQTTBench.run(plan) { progress in
                guard shown else { return }
                sink.writeError(terminal ? "\r\u{1B}[K" + describe(progress, kind) : describe(progress, kind) + "\n")
            }
            if terminal { sink.writeError("\r\u{1B}[K") }
            // Ctrl-C ends the run early with its report, as emqtt-bench does; the report says how far it got.
            return value(of: report, plan)
        }
    ]

    /// `bench: 3s  100 connected  45,000 messages  15,021/s`.
    static func describe(_ progress: MQTTBenchProgress, _ kind: MQTTBenchPlan.Kind) -> String {
        var line =
            "bench \(kind.rawValue): \(Int(progress.elapsed.components.seconds))s  \(progress.connected) connected"
        if progress.failed > 0 { line += "  \(progress.failed) failed" }
        if kind != .conn {
            line += "  \(progress.messages) messages  \(Int(progress.messagesPerSecond.rounded()))/s"
        }
        return line
    }

    /// The report as a map: counts, rates and latency percentiles in milliseconds.
    static func value(of report: MQTTBenchReport, _ plan: MQTTBenchPlan) -> Value {
        var fields: OrderedMap<Value> = [
            "kind": .string(report.kind.rawValue), "clients": .int(Int64(plan.clients)),
            "connected": .int(Int64(report.connected)), "failed": .int(Int64(report.failed)),
            "connections_per_second": .double(rounded(report.connectionsPerSecond)),
            "connect_latency_ms": latency(report.connectLatency),
        ]
        if plan.kind != .conn {
            fields["messages"] = .int(Int64(report.messages))
            fields["messages_per_second"] = .double(rounded(report.messagesPerSecond))
            fields["bytes_per_second"] = .double(rounded(report.bytesPerSecond))
            fields["latency_ms"] = latency(report.messageLatency)
            fields["qos"] = .int(Int64(plan.qos))
        }
        let (seconds, attoseconds) = report.elapsed.components
        fields["elapsed_s"] = .double(rounded(Double(seconds) + Double(attoseconds) / 1e18))
        fields["errors"] = .map(
            .init(
                uniqueKeysWithValues: report.errors.sorted { $0.key < $1.key }.map {
                    ($0.key, Value.int(Int64($0.value)))
                }))
        return .map(fields)
    }

    private static func latency(_ latency: MQTTBenchReport.Latency?) -> Value {
        guard let latency else { return .null }
        return .map([
            "p50": .double(rounded(latency.p50)), "p90": .double(rounded(latency.p90)),
            "p99": .double(rounded(latency.p99)), "max": .double(rounded(latency.max)),
            "mean": .double(rounded(latency.mean)), "samples": .int(Int64(latency.samples)),
        ])
    }

    private static func rounded(_ number: Double) -> Double { (number * 1000).rounded() / 1000 }
}
