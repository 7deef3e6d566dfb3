public import EMQXJSON

/// A broker node.
public struct NodeInfo: Sendable, Hashable {
    public var node: String
    public var version: String?
    public var status: String?
    public var connections: Int?
    public var uptime: JSONValue?
    public var raw: JSONValue

    public init(json: JSONValue) {
        node = json["node"]?.stringValue ?? ""
        version = json["version"]?.stringValue
        status = json["node_status"]?.stringValue
        connections = json["connections"]?.intValue.map(Int.init)
        uptime = json["uptime"]
        raw = json
    }
}

/// One node's metrics or stats as a flat map of dotted names to numbers, on both generations.
///
/// v4 nests them (`{node, metrics: {…}}`); v5 writes them beside `node`.
public struct NodeCounters: Sendable, Hashable {
    public var node: String
    public var values: JSONObject

    init(json: JSONValue, nestedKey: String) {
        node = json["node"]?.stringValue ?? ""
        if let nested = json[nestedKey]?.objectValue {
            values = nested
        } else {
            var flat = json.objectValue ?? [:]
            flat.removeValue(forKey: "node")
            values = flat
        }
    }
}

/// An alarm, active or cleared.
public struct Alarm: Sendable, Hashable {
    public var node: String?
    public var name: String
    public var message: String?
    public var isActive: Bool
    public var raw: JSONValue
}

/// A rule-engine rule.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var name: String?
    /// The SQL: v4's `rawsql`, v5's `sql`.
    public var sql: String
    public var isEnabled: Bool
    public var description: String?
    public var raw: JSONValue

    public init(json: JSONValue) {
        id = json["id"]?.stringValue ?? ""
        name = json["name"]?.stringValue
        sql = json["sql"]?.stringValue ?? json["rawsql"]?.stringValue ?? ""
        isEnabled = json["enable"]?.boolValue ?? json["enabled"]?.boolValue ?? true
        description = json["description"]?.stringValue
        raw = json
    }
}

/// A rule to create.
public struct RuleDraft: Sendable, Hashable {
    public var sql: String
    /// v5: the rule's name (optional). v4 has none.
    public var name: String?
    public var description: String?
    /// Output actions. v5 takes `"console"` or `{"function": …}`; v4 `{"name": …, "params": {…}}`.
    public var actions: [JSONValue]
    public var enabled: Bool

    public init(
        sql: String, name: String? = nil, description: String? = nil, actions: [JSONValue] = [], enabled: Bool = true
    ) {
        self.sql = sql
        self.name = name
        self.description = description
        self.actions = actions
        self.enabled = enabled
    }
}
