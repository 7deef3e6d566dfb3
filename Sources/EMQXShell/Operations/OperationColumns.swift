import EMQXKit

/// Default table columns for what the deployment's operations list, by the path they read: the fields an operator
/// looks at first (the rest stay in the value, and `--fields` picks others).
enum OperationColumns {
    static func resource(for operation: Operation) -> Resource? {
        guard operation.method == .get, let columns = byPath[operation.path] else { return nil }
        return Resource(columns: columns)
    }

    static let byPath: [String: [String]] = [
        "/trace": ["name", "type", "clientid", "topic", "ip_address", "status", "start_at", "end_at"],
        "/mqtt/retainer/messages": ["topic", "qos", "from_clientid", "from_username", "publish_at"],
        "/listeners": ["id", "type", "bind", "enable", "status.running", "status.current_connections"],
        "/authentication": ["id", "mechanism", "backend", "enable"],
        "/authorization/sources": ["type", "enable"],
        "/api_key": ["name", "api_key", "enable", "expired", "expired_at", "role"],
        "/plugins": ["name", "rel_vsn", "running_status", "description"],
        "/connectors": ["type", "name", "enable", "status", "status_reason"],
        "/actions": ["type", "name", "enable", "status", "connector"],
        "/sources": ["type", "name", "enable", "status", "connector"],
        "/rules": ["id", "name", "enable", "sql", "actions"],
        "/mqtt/topic_metrics": ["topic", "create_time", "reset_time"],
        "/mqtt/delayed/messages": ["topic", "qos", "from_clientid", "delayed_remaining", "expected_at"],
        "/slow_subscriptions": ["clientid", "topic", "timespan", "node", "last_update_time"],
        "/gateways": ["name", "status", "current_connections", "max_connections"],
        "/exhooks": ["name", "enable", "url", "status"],
        "/cluster/links": ["name", "enable", "server", "status"],
        "/alarms": ["node", "name", "message", "activate_at", "deactivate_at"],
        "/banned": ["as", "who", "reason", "by", "at", "until"],
        "/clients": Resource.clients.candidates,
        "/subscriptions": ["clientid", "topic", "qos", "node"],
    ]
}
