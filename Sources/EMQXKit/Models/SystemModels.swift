public import EMQXJSON

/// A broker node.
public struct NodeInfo: Sendable, Hashable {
    /// The node it is on.
    public var node: String
    /// The EMQX version.
    public var version: String?
    /// The status the server reports.
    public var status: String?
    /// Connections on the node.
    public var connections: Int?
    /// How long it has run, as the generation writes it.
    public var uptime: JSONValue?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A record from either generation's JSON; `raw` keeps all of it.
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
    /// The node it is on.
    public var node: String
    /// Each figure by its EMQX name.
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
    /// The node it is on.
    public var node: String?
    /// The name.
    public var name: String
    /// What the server said.
    public var message: String?
    /// Whether it is active (not yet cleared).
    public var isActive: Bool
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue
}

/// A rule-engine rule.
public struct Rule: Sendable, Hashable {
    /// The id the server gave it.
    public var id: String
    /// The name.
    public var name: String?
    /// The SQL: v4's `rawsql`, v5's `sql`.
    public var sql: String
    /// Whether it runs.
    public var isEnabled: Bool
    /// What it is for.
    public var description: String?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A record from either generation's JSON; `raw` keeps all of it.
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
    /// The rule's SQL.
    public var sql: String
    /// v5: the rule's name (optional). v4 has none.
    public var name: String?
    /// What it is for.
    public var description: String?
    /// Output actions. v5 takes `"console"` or `{"function": …}`; v4 `{"name": …, "params": {…}}`.
    public var actions: [JSONValue]
    /// Whether it runs from the start.
    public var enabled: Bool

    /// A rule to create.
    ///
    /// - Parameters:
    ///   - sql: The rule's `SELECT … FROM "topic"` statement.
    ///   - name: v5: a name for people.
    ///   - description: What it is for.
    ///   - actions: Outputs: v5 `console` or action objects; v4 `{name, params}` objects.
    ///   - enabled: Whether it runs from the start.
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
