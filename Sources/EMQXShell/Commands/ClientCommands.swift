import EMQXKit
import EMQXScript

/// `clients`, `clients show`, `clients kick` (also `kick`), `clients subscriptions`.
enum ClientCommands {
    static let state = CommandFlag<ConnectionState>.choice("state", "connected, idle or disconnected")
    static let username = CommandFlag<String>.text("username", "exact user name")
    static let like = CommandFlag<String>.text("like", "client id contains this")
    static let userLike = CommandFlag<String>.text("user-like", "user name contains this")
    static let ip = CommandFlag<String>.text("ip", "exact IP address")
    static let node = CommandFlag<String>.text("node", "only clients on this node")
    static let clientIDs = CommandFlag<[String]>.texts("client", "exact client id (repeatable on v5)")
    static let protocolVersion = CommandFlag<Int>.integer("proto-ver", in: 3...5, "MQTT protocol version: 3, 4 or 5")
    static let cleanStart = CommandFlag<Bool>.boolean("clean-start", "true or false")
    static let connectedAfter = CommandFlag<Int>.integer(
        "connected-after", in: Int.min...Int.max, "seconds since 1970")
    static let connectedBefore = CommandFlag<Int>.integer(
        "connected-before", in: Int.min...Int.max, "seconds since 1970")
    static let limit = CommandFlag<Int>.integer("limit", short: "-n", "stop after this many clients")
    static let pageSize = CommandFlag<Int>.integer("page-size", in: 1...10_000, "clients per request (default 100)")

    static let listSignature = CommandSignature(flags: [
        state, username, like, userLike, ip, node, clientIDs, protocolVersion, cleanStart, connectedAfter,
        connectedBefore, limit, pageSize,
    ])

    static let all: [any ShellCommand] = [
        Command(
            "clients", "list clients, fetched page by page",
            example: "clients --state connected --like sensor- --limit 20",
            signature: listSignature, resource: .clients
        ) { args, session in
            let client = try session.requireClient(args)
            var query = ClientQuery()
            query.state = try args[state]
            query.username = try args[username]
            query.clientIDContains = try args[like]
            query.usernameContains = try args[userLike]
            query.ipAddress = try args[ip]
            query.node = try args[node]
            query.clientIDs = args[clientIDs]
            query.protocolVersion = try args[protocolVersion]
            query.cleanStart = try args[cleanStart]
            query.connectedAfter = try args[connectedAfter].map(Int64.init)
            query.connectedBefore = try args[connectedBefore].map(Int64.init)
            let pageSize = try args[pageSize] ?? EMQXClient.defaultPageSize
            let limit = try args[limit]
            let records = client.clientRecords(query, pageSize: min(pageSize, limit ?? pageSize))
            return .stream("clients", records, limit: limit, Value.init(json:))
        },
        Command(
            "clients show", "one client's details", example: "clients show sensor-1",
            signature: CommandSignature(["CLIENT_ID"])
        ) { args, session in
            let found = try await session.requireClient(args).client(args.word(0) ?? "")
            return Value(json: found.raw)
        },
        Command(
            "clients kick", "disconnect clients", example: "clients kick sensor-1 sensor-2",
            signature: CommandSignature(["CLIENT_ID…"], minimum: 1)
        ) { args, session in
            let ids = args.positionals.map(\.displayText)
            try await session.requireClient(args).kick(ids)
            return .null
        },
        Command(
            "kick", "disconnect clients (same as clients kick)", example: "kick sensor-1",
            signature: CommandSignature(["CLIENT_ID…"], minimum: 1)
        ) { args, session in
            try await session.requireClient(args).kick(args.positionals.map(\.displayText))
            return .null
        },
        Command(
            "clients subscriptions", "a client's subscriptions", example: "clients subscriptions sensor-1",
            signature: CommandSignature(["CLIENT_ID"]), resource: .subscriptions
        ) { args, session in
            let subscriptions = try await session.requireClient(args).subscriptions(
                of: args.word(0) ?? "")
            return .list(subscriptions.map { Value(json: $0.raw) })
        },
    ]
}
