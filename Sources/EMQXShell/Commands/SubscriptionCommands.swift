import EMQXKit
import EMQXScript

/// `subscriptions`, `topics`, `subscribe` and `unsubscribe` on a client's behalf.
enum SubscriptionCommands {
    static let client = CommandFlag<String>.text("client", "only this client's")
    static let topic = CommandFlag<String>.text("topic", "exactly this topic filter")
    static let match = CommandFlag<String>.text("match", "filters that match this topic name")
    static let qos = CommandFlag<Int>.integer("qos", in: 0...2, "0, 1 or 2")
    static let share = CommandFlag<String>.text("share", "shared subscription group")
    static let node = CommandFlag<String>.text("node", "only on this node")
    static let noLocal = CommandFlag<Bool>.presence("no-local", "MQTT 5: no local")
    static let retainAsPublished = CommandFlag<Bool>.presence("retain-as-published", "MQTT 5: retain as published")
    static let retainHandling = CommandFlag<Int>.integer("retain-handling", in: 0...2, "MQTT 5: 0, 1 or 2")

    static let all: [any ShellCommand] = [
        Command(
            "subscriptions", "list subscriptions across clients", example: "subscriptions --match sensors/1/temp",
            signature: CommandSignature(flags: [client, topic, match, qos, share, node, CommonFlags.limit]),
            resource: .subscriptions
        ) { args, session in
            var query = SubscriptionQuery()
            query.clientID = try args[client]
            query.topic = try args[topic]
            query.matchTopic = try args[match]
            query.qos = try args[qos]
            query.shareGroup = try args[share]
            query.node = try args[node]
            let limit = try args[CommonFlags.limit]
            return .stream(
                "subscriptions", try session.requireClient(args).subscriptions(query), limit: limit
            ) { Value(json: $0.raw) }
        },
        Command(
            "topics", "list topics with subscribers, or the routes of one", example: "topics sensors/+/temp",
            signature: CommandSignature(["[TOPIC]"], flags: [CommonFlags.limit]),
            resource: .topics
        ) { args, session in
            let client = try session.requireClient(args)
            if let topic = args.word(0) { return .list(try await client.topic(topic).map { Value(json: $0.raw) }) }
            return .stream("topics", client.topics(), limit: try args[CommonFlags.limit]) {
                Value(json: $0.raw)
            }
        },
        Command(
            "subscribe", "subscribe a connected client to topics", example: "subscribe sensor-1 cmd/sensor-1/# --qos 1",
            signature: CommandSignature(
                ["CLIENT_ID", "TOPIC…"], minimum: 2,
                flags: [qos, noLocal, retainAsPublished, retainHandling])
        ) { args, session in
            let qos = try args[qos] ?? 0
            let handling = try args[retainHandling]
            let noLocal = try args[noLocal]
            let retainAsPublished = try args[retainAsPublished]
            let requests = args.positionals.dropFirst().map {
                SubscribeRequest(
                    topic: $0.displayText, qos: qos, noLocal: noLocal, retainAsPublished: retainAsPublished,
                    retainHandling: handling)
            }
            try await session.requireClient(args).subscribe(args.word(0) ?? "", to: requests)
            return .null
        },
        Command(
            "unsubscribe", "unsubscribe a client from topics", example: "unsubscribe sensor-1 cmd/sensor-1/#",
            signature: CommandSignature(["CLIENT_ID", "TOPIC…"], minimum: 2)
        ) { args, session in
            try await session.requireClient(args).unsubscribe(
                args.word(0) ?? "", from: args.positionals.dropFirst().map(\.displayText))
            return .null
        },
    ]
}
