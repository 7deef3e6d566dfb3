import EMQXKit
import EMQXScript

/// `clients`, `clients show`, `clients kick` (also `kick`), `clients subscriptions`.
enum ClientCommands {
    static let listSignature = CommandSignature(flags: [
        .init("state", "connected, idle or disconnected"),
        .init("username", "exact user name"),
        .init("like", "client id contains this"),
        .init("user-like", "user name contains this"),
        .init("ip", "exact IP address"),
        .init("node", "only clients on this node"),
        .init("client", repeatable: true, "exact client id (repeatable on v5)"),
        .init("proto-ver", "MQTT protocol version: 3, 4 or 5"),
        .init("clean-start", "true or false"),
        .init("connected-after", "seconds since 1970"),
        .init("connected-before", "seconds since 1970"),
        .init("limit", short: "-n", "stop after this many clients"),
        .init("page-size", "clients per request (default 100)"),
    ])

    static let all: [any ShellCommand] = [
        Command(
            "clients", "list clients, fetched page by page",
            example: "clients --state connected --like sensor- --limit 20",
            signature: listSignature, resource: .clients
        ) { args, session in
            let client = try session.requireClient("clients")
            var query = ClientQuery()
            if let state = args.string("state") {
                guard let value = ConnectionState(rawValue: state) else {
                    throw ShellError.usage("clients: --state takes connected, idle or disconnected, not '\(state)'")
                }
                query.state = value
            }
            query.username = args.string("username")
            query.clientIDContains = args.string("like")
            query.usernameContains = args.string("user-like")
            query.ipAddress = args.string("ip")
            query.node = args.string("node")
            query.clientIDs = args.strings("client")
            query.protocolVersion = try args.int("proto-ver", command: "clients", in: 3...5)
            query.cleanStart = args.bool("clean-start")
            query.connectedAfter = try args.int("connected-after", command: "clients", in: Int.min...Int.max).map(
                Int64.init)
            query.connectedBefore = try args.int("connected-before", command: "clients", in: Int.min...Int.max).map(
                Int64.init)
            let pageSize = try args.int("page-size", command: "clients", in: 1...10_000) ?? EMQXClient.defaultPageSize
            let limit = try args.int("limit", command: "clients")
            return .stream("clients", client.clients(query, pageSize: min(pageSize, limit ?? pageSize)), limit: limit) {
                Value(json: $0.raw)
            }
        },
        Command(
            "clients show", "one client's details", example: "clients show sensor-1",
            signature: CommandSignature(["CLIENT_ID"])
        ) { args, session in
            let found = try await session.requireClient("clients show").client(args.word(0) ?? "")
            return Value(json: found.raw)
        },
        Command(
            "clients kick", "disconnect clients", example: "clients kick sensor-1 sensor-2",
            signature: CommandSignature(["CLIENT_ID…"], minimum: 1)
        ) { args, session in
            let ids = args.positionals.map(\.displayText)
            try await session.requireClient("kick").kick(ids)
            return .null
        },
        Command(
            "kick", "disconnect clients (same as clients kick)", example: "kick sensor-1",
            signature: CommandSignature(["CLIENT_ID…"], minimum: 1)
        ) { args, session in
            try await session.requireClient("kick").kick(args.positionals.map(\.displayText))
            return .null
        },
        Command(
            "clients subscriptions", "a client's subscriptions", example: "clients subscriptions sensor-1",
            signature: CommandSignature(["CLIENT_ID"]), resource: .subscriptions
        ) { args, session in
            let subscriptions = try await session.requireClient("clients subscriptions").subscriptions(
                of: args.word(0) ?? "")
            return .list(subscriptions.map { Value(json: $0.raw) })
        },
    ]
}
