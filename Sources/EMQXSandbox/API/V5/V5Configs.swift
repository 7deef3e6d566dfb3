import EMQXJSON

/// v5 configuration sections (`GET|PUT /configs/NAME`): EMQX's defaults for the sections the sandbox keeps, a change
/// checked setting by setting (known names, the same types) and merged into the section. The MQTT settings of the
/// global zone that the sandbox's broker has take effect: retained messages, wildcard and shared subscriptions.
extension SandboxState {
    static let initialConfiguration: [(String, JSONValue)] = [
        (
            "global_zone",
            [
                "mqtt": [
                    "idle_timeout": "15s", "max_packet_size": "1MB", "max_clientid_len": 65535,
                    "max_topic_levels": 128, "max_topic_alias": 65535, "retain_available": true,
                    "wildcard_subscription": true, "shared_subscription": true,
                    "shared_subscription_strategy": "round_robin", "exclusive_subscription": false,
                    "ignore_loop_deliver": false, "strict_mode": false, "max_qos_allowed": 2, "max_inflight": 32,
                    "max_mqueue_len": 1000, "session_expiry_interval": "2h", "max_subscriptions": "infinity",
                    "upgrade_qos": false, "await_rel_timeout": "300s",
                ]
            ]
        ),
        (
            "sys_topics",
            [
                "sys_msg_interval": "1m", "sys_heartbeat_interval": "30s",
                "sys_event_messages": [
                    "client_connected": true, "client_disconnected": true, "client_subscribed": false,
                    "client_unsubscribed": false,
                ],
            ]
        ),
        ("alarm", ["actions": ["log", "publish"], "size_limit": 1000, "validity_period": "24h"]),
        ("broker", ["enable_session_registry": true, "session_history_retain": "0s"]),
    ]

    func v5ConfigSection(_ name: String) -> SandboxResponse {
        guard let section = configuration[name] else { return sectionNotFound(name) }
        return .json(section)
    }

    func v5UpdateConfigSection(_ name: String, _ call: APICall) -> SandboxResponse {
        guard let section = configuration[name] else { return sectionNotFound(name) }
        guard let body = call.body else { return v5.v5Error(400, "UPDATE_FAILED", "a JSON object is required") }
        switch Self.merge(body, into: section, at: name) {
        case .success(let merged):
            configuration[name] = merged
            return .json(merged)
        case .failure(let problem):
            return v5.v5Error(400, "UPDATE_FAILED", problem.message)
        }
    }

    /// A global-zone MQTT setting, as the broker consults it.
    func zoneSetting(_ key: String) -> JSONValue? { configuration["global_zone"]?["mqtt"]?[key] }

    private func sectionNotFound(_ name: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "no configuration section \(name)")
    }

    struct ConfigurationProblem: Error { var message: String }

    /// `change` laid over `current`: each key must exist there, each value be of the same kind (a text setting may
    /// hold any text, a number any number).
    static func merge(
        _ change: JSONValue, into current: JSONValue, at path: String
    ) -> Result<
        JSONValue, ConfigurationProblem
    > {
        guard case .object(let changes) = change, case .object(var merged) = current else {
            return kind(of: change) == kind(of: current)
                ? .success(change)
                : .failure(
                    ConfigurationProblem(message: "\(path) must be \(kind(of: current)), not \(kind(of: change))"))
        }
        for (key, value) in changes {
            guard let old = merged[key] else {
                return .failure(ConfigurationProblem(message: "\(path) has no setting \(key)"))
            }
            switch merge(value, into: old, at: "\(path).\(key)") {
            case .success(let new): merged[key] = new
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(.object(merged))
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .bool: "a boolean"
        case .int, .double, .bigInteger: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        case .null: "null"
        }
    }
}
