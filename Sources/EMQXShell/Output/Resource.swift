import EMQXScript

/// The kind of thing a command lists, which decides its default table columns. A command group declares its own
/// next to its commands (`extension Resource { static let retained = … }`).
public struct Resource: Hashable, Sendable {
    /// Column candidates in order; the first row's fields decide which exist (v4 and v5 name some differently).
    let candidates: [String]
    /// A line of text (`echo`): written as it is in every format, as a shell's echo writes it.
    let isText: Bool

    init(columns candidates: [String], isText: Bool = false) {
        self.candidates = candidates
        self.isText = isText
    }

    static let text = Resource(columns: [], isText: true)

    func defaultColumns(for value: Value) -> [String]? {
        guard case .list(let items) = value, case .map(let first)? = items.first else { return nil }
        let present = candidates.filter { first[$0] != nil }
        return present.isEmpty ? nil : present
    }
}

extension Resource {
    static let clients = Resource(columns: [
        "clientid", "username", "connected", "ip_address", "port", "proto_ver", "connected_at", "subscriptions_cnt",
        "node",
    ])
    static let subscriptions = Resource(columns: ["clientid", "topic", "qos", "node"])
    static let topics = Resource(columns: ["topic", "node"])
    static let users = Resource(columns: ["user_id", "username", "clientid", "is_superuser", "created_at"])
    static let acl = Resource(columns: ["principal", "who", "topic", "action", "permission"])
    static let banned = Resource(columns: ["as", "who", "reason", "by", "at", "until"])
    static let rules = Resource(columns: ["id", "name", "sql", "rawsql", "enable", "enabled", "description"])
    static let nodes = Resource(columns: ["node", "version", "node_status", "connections", "uptime", "memory_used"])
    static let alarms = Resource(columns: ["node", "name", "message", "activate_at"])
    static let counters = Resource(columns: ["node"])
}
