import EMQXKit
import EMQXScript

/// `subscriptions`, `topics`, `subscribe` and `unsubscribe` on a client's behalf.
enum SubscriptionCommands {
    static let all: [any ShellCommand] = [
        Command(
            "subscriptions", "list subscriptions across clients", example: "subscriptions --match sensors/1/temp",
            signature: CommandSignature(flags: [
                .init("client", "only this client's"), .init("topic", "exactly this topic filter"),
                .init("match", "filters that match this topic name"), .init("qos", "0, 1 or 2"),
                .init("share", "shared subscription group"), .init("node", "only on this node"),
                .init("limit", short: "-n", "stop after this many"),
            ]), resource: .subscriptions
        ) { args, session in
            var query = SubscriptionQuery()
            query.clientID = args.string("client")
            query.topic = args.string("topic")
            query.matchTopic = args.string("match")
            query.qos = try args.int("qos", command: "subscriptions", in: 0...2)
            query.shareGroup = args.string("share")
            query.node = args.string("node")
            let limit = try args.int("limit", command: "subscriptions")
            return .stream(
                "subscriptions", try session.requireClient("subscriptions").subscriptions(query), limit: limit
            ) { Value(json: $0.raw) }
        },
        Command(
            "topics", "list topics with subscribers, or the routes of one", example: "topics sensors/+/temp",
            signature: CommandSignature(["[TOPIC]"], flags: [.init("limit", short: "-n", "stop after this many")]),
            resource: .topics
        ) { args, session in
            let client = try session.requireClient("topics")
            if let topic = args.word(0) { return .list(try await client.topic(topic).map { Value(json: $0.raw) }) }
            return .stream("topics", client.topics(), limit: try args.int("limit", command: "topics")) {
                Value(json: $0.raw)
            }
        },
        Command(
            "subscribe", "subscribe a connected client to topics", example: "subscribe sensor-1 cmd/sensor-1/# --qos 1",
            signature: CommandSignature(
                ["CLIENT_ID", "TOPIC…"], minimum: 2,
                flags: [
                    .init("qos", "0, 1 or 2 (default 0)"), .init("no-local", value: false, "MQTT 5: no local"),
                    .init("retain-as-published", value: false, "MQTT 5: retain as published"),
                    .init("retain-handling", "MQTT 5: 0, 1 or 2"),
                ])
        ) { args, session in
            let qos = try args.int("qos", command: "subscribe", in: 0...2) ?? 0
            let handling = try args.int("retain-handling", command: "subscribe", in: 0...2)
            let requests = args.positionals.dropFirst().map {
                SubscribeRequest(
                    topic: $0.displayText, qos: qos, noLocal: args.bool("no-local"),
                    retainAsPublished: args.bool("retain-as-published"), retainHandling: handling)
            }
            try await session.requireClient("subscribe").subscribe(args.word(0) ?? "", to: requests)
            return .null
        },
        Command(
            "unsubscribe", "unsubscribe a client from topics", example: "unsubscribe sensor-1 cmd/sensor-1/#",
            signature: CommandSignature(["CLIENT_ID", "TOPIC…"], minimum: 2)
        ) { args, session in
            try await session.requireClient("unsubscribe").unsubscribe(
                args.word(0) ?? "", from: args.positionals.dropFirst().map(\.displayText))
            return .null
        },
    ]
}
