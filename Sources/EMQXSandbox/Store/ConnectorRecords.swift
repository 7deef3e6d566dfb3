import EMQXJSON

/// A v5 connector (`http:name`, `mqtt:name`): its configuration as given (with EMQX's defaults), and whether its
/// endpoint answered the last probe (nil while the first is under way).
struct ConnectorRecord: Sendable {
    var type: String
    var name: String
    var configuration: JSONObject
    var alive: Bool?

    var id: String { "\(type):\(name)" }
    var enable: Bool { configuration["enable"]?.boolValue ?? true }
    /// What the endpoint to probe is written in: `url` for HTTP, `server` for MQTT.
    var endpoint: String? { configuration["url"]?.stringValue ?? configuration["server"]?.stringValue }

    /// EMQX's status words: a disabled or unreachable connector is disconnected, one not yet probed connecting.
    var status: String {
        guard enable else { return "disconnected" }
        return alive.map { $0 ? "connected" : "disconnected" } ?? "connecting"
    }
}

/// A v5 action or source: what it does (`parameters`) through which connector.
struct BridgeRecord: Sendable {
    var type: String
    var name: String
    var connector: String
    var configuration: JSONObject

    var id: String { "\(type):\(name)" }
    var enable: Bool { configuration["enable"]?.boolValue ?? true }
}

/// The two kinds of v5 bridges, with the same API under different paths.
enum BridgeKind: String, Sendable, CaseIterable {
    case actions, sources

    /// The connector types each kind is served for in the sandbox.
    var types: [String] { self == .actions ? ["http", "mqtt"] : ["mqtt"] }
}
