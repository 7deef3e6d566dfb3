import EMQXScript

/// The kind of thing a command lists, which decides its default table columns.
public enum Resource: String, Sendable {
    case clients, subscriptions, topics, users, acl, banned, rules, nodes, alarms, counters
    /// A line of text (`echo`): written as it is in every format, as a shell's echo writes it.
    case text

    /// Column candidates in order; the first row's fields decide which exist (v4 and v5 name some differently).
    var candidates: [String] {
        switch self {
        case .clients:
            return [
                "clientid", "username", "connected", "ip_address", "port", "proto_ver", "connected_at",
                "subscriptions_cnt", "node",
            ]
        case .subscriptions: return ["clientid", "topic", "qos", "node"]
        case .topics: return ["topic", "node"]
        case .users: return ["user_id", "username", "clientid", "is_superuser", "created_at"]
        case .acl: return ["principal", "who", "topic", "action", "permission"]
        case .banned: return ["as", "who", "reason", "by", "at", "until"]
        case .rules: return ["id", "name", "sql", "rawsql", "enable", "enabled", "description"]
        case .nodes: return ["node", "version", "node_status", "connections", "uptime", "memory_used"]
        case .alarms: return ["node", "name", "message", "activate_at"]
        case .counters: return ["node"]
        case .text: return []
        }
    }

    func defaultColumns(for value: Value) -> [String]? {
        guard case .list(let items) = value, case .map(let first)? = items.first else { return nil }
        let present = candidates.filter { first[$0] != nil }
        return present.isEmpty ? nil : present
    }
}
