import EMQXJSON
import EMQXKit
import EMQXScript

/// `nodes`, `metrics`, `stats`, `alarms`.
enum MonitoringCommands {
    static let history = CommandFlag<Bool>.presence("history", "cleared alarms instead")
    static let node = CommandFlag<String>.text("node", "the node raising it (default: the one that lists it)")

    static func counters(_ list: [NodeCounters]) -> Value {
        if list.count == 1, let only = list.first {
            var object = JSONObject()
            object["node"] = .string(only.node)
            for (key, value) in only.values { object[key] = value }
            return Value(json: .object(object))
        }
        return .list(
            list.map { entry in
                var object = JSONObject()
                object["node"] = .string(entry.node)
                for (key, value) in entry.values { object[key] = value }
                return Value(json: .object(object))
            })
    }

    static let all: [any ShellCommand] = [
        Command(
            "nodes", "the cluster's nodes, or one", example: "nodes", signature: CommandSignature(["[NODE]"]),
            resource: .nodes
        ) { args, session in
            let client = try session.requireClient(args)
            if let name = args.word(0) { return Value(json: try await client.node(name).raw) }
            return .list(try await client.nodes().map { Value(json: $0.raw) })
        },
        Command(
            "metrics", "message, packet and byte counters (per node)",
            example: "metrics --fields node,messages.received",
            resource: .counters
        ) { args, session in
            counters(try await session.requireClient(args).metrics())
        },
        Command(
            "stats", "connection, session, topic and subscription counts (per node)", example: "stats",
            resource: .counters
        ) { args, session in
            counters(try await session.requireClient(args).stats())
        },
        Command(
            "alarms", "active alarms, or the cleared ones", example: "alarms --history",
            signature: CommandSignature(flags: [history]),
            resource: .alarms
        ) { args, session in
            let alarms = try await session.requireClient(args).alarms(active: !(try args[history] ?? false))
            return .list(
                alarms.map { alarm in
                    var object = alarm.raw.objectValue ?? [:]
                    if object["node"] == nil, let node = alarm.node { object["node"] = .string(node) }
                    return Value(json: .object(object))
                })
        },
        Command(
            "alarms deactivate", "deactivate an active alarm (EMQX 4; EMQX 5 does it itself)",
            example: "alarms deactivate high_cpu_usage", signature: CommandSignature(["NAME"], flags: [node])
        ) { args, session in
            try await session.requireClient(args).deactivateAlarm(args.word(0) ?? "", node: try args[node])
            return .null
        },
    ]
}
