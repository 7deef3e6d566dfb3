public import EMQXJSON

/// An MQTT client (connection or session) as either generation reports it.
public struct Client: Sendable, Hashable {
    public var clientID: String
    public var username: String?
    public var node: String?
    public var isConnected: Bool
    public var ipAddress: String?
    public var port: Int?
    public var protocolVersion: Int?
    public var keepalive: Int?
    public var subscriptionsCount: Int?
    /// When the client connected: `YYYY-MM-DD HH:mm:ss` on v4, RFC 3339 on v5.
    public var connectedAt: String?
    /// Every field the server sent, in its order and with its generation's names.
    public var raw: JSONValue

    /// Reads a client object of either generation; absent fields stay nil.
    public init(json: JSONValue) {
        clientID = json["clientid"]?.stringValue ?? ""
        username = json["username"]?.stringValue
        node = json["node"]?.stringValue
        isConnected = json["connected"]?.boolValue ?? (json["conn_state"]?.stringValue == "connected")
        ipAddress = json["ip_address"]?.stringValue
        port = json["port"]?.intValue.map(Int.init)
        protocolVersion = json["proto_ver"]?.intValue.map(Int.init)
        keepalive = json["keepalive"]?.intValue.map(Int.init)
        subscriptionsCount = json["subscriptions_cnt"]?.intValue.map(Int.init)
        connectedAt = json["connected_at"]?.stringValue
        raw = json
    }
}

/// The connection state filter of a client list.
public enum ConnectionState: String, Sendable, Hashable, CaseIterable {
    case connected, idle, disconnected
}

/// Filters for listing clients; each maps to both generations' query parameters.
public struct ClientQuery: Sendable, Hashable {
    public var node: String?
    /// Exact client ids; v5 takes several, v4 one.
    public var clientIDs: [String] = []
    public var username: String?
    public var ipAddress: String?
    public var state: ConnectionState?
    public var cleanStart: Bool?
    public var protocolVersion: Int?
    /// Substring of the client id.
    public var clientIDContains: String?
    /// Substring of the user name.
    public var usernameContains: String?
    /// Bounds on the connection time, in seconds since 1970.
    public var connectedAfter: Int64?
    public var connectedBefore: Int64?
    /// Bounds on the session's creation time, in seconds since 1970.
    public var createdAfter: Int64?
    public var createdBefore: Int64?

    public init() {}
}

/// A subscription: a topic filter a client holds.
public struct Subscription: Sendable, Hashable {
    public var clientID: String
    public var topic: String
    public var qos: Int
    public var node: String?
    public var raw: JSONValue

    public init(json: JSONValue) {
        clientID = json["clientid"]?.stringValue ?? ""
        topic = json["topic"]?.stringValue ?? ""
        qos = json["qos"]?.intValue.map(Int.init) ?? 0
        node = json["node"]?.stringValue
        raw = json
    }
}

/// Filters for listing subscriptions.
public struct SubscriptionQuery: Sendable, Hashable {
    public var clientID: String?
    /// An exact topic filter.
    public var topic: String?
    /// Subscriptions whose filter matches this topic name.
    public var matchTopic: String?
    public var qos: Int?
    /// A shared subscription group.
    public var shareGroup: String?
    public var node: String?

    public init() {}
}

/// What to subscribe a client to.
public struct SubscribeRequest: Sendable, Hashable {
    public var topic: String
    public var qos: Int
    /// MQTT 5 options (v5 only): no local, retain as published, retain handling.
    public var noLocal: Bool?
    public var retainAsPublished: Bool?
    public var retainHandling: Int?

    public init(
        topic: String, qos: Int = 0, noLocal: Bool? = nil, retainAsPublished: Bool? = nil, retainHandling: Int? = nil
    ) {
        self.topic = topic
        self.qos = qos
        self.noLocal = noLocal
        self.retainAsPublished = retainAsPublished
        self.retainHandling = retainHandling
    }
}

/// A route: a topic filter and the node that has subscribers for it.
public struct TopicRoute: Sendable, Hashable {
    public var topic: String
    public var node: String?
    public var raw: JSONValue

    public init(json: JSONValue) {
        topic = json["topic"]?.stringValue ?? ""
        node = json["node"]?.stringValue
        raw = json
    }
}
