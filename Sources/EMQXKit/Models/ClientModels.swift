public import EMQXJSON

/// An MQTT client (connection or session) as either generation reports it.
public struct Client: Sendable, Hashable {
    /// The client id.
    public var clientID: String
    /// The user name, when there is one.
    public var username: String?
    /// The node it is on.
    public var node: String?
    /// Whether the client is connected now.
    public var isConnected: Bool
    /// The client's address.
    public var ipAddress: String?
    /// The port.
    public var port: Int?
    /// The MQTT protocol level: 3, 4 or 5.
    public var protocolVersion: Int?
    /// The keepalive the client asked for, in seconds.
    public var keepalive: Int?
    /// How many subscriptions it holds.
    public var subscriptionsCount: Int?
    /// When the client connected: `YYYY-MM-DD HH:mm:ss` on v4, RFC 3339 on v5.
    public var connectedAt: String?
    /// Every field the server sent, in its order and with its generation's names.
    public var raw: JSONValue

    /// Reads a client object of either generation; absent fields stay nil.
    public init(json: JSONValue) {
        clientID = (json["clientid"] ?? json["client_id"])?.stringValue ?? ""
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
    /// The node it is on.
    public var node: String?
    /// Exact client ids; v5 takes several, v4 one.
    public var clientIDs: [String] = []
    /// The user name, when there is one.
    public var username: String?
    /// The client's address.
    public var ipAddress: String?
    /// Connected, idle or disconnected.
    public var state: ConnectionState?
    /// Clean start (or clean session, MQTT 3.1.1).
    public var cleanStart: Bool?
    /// The MQTT protocol level: 3, 4 or 5.
    public var protocolVersion: Int?
    /// Substring of the client id.
    public var clientIDContains: String?
    /// Substring of the user name.
    public var usernameContains: String?
    /// Bounds on the connection time, in seconds since 1970.
    public var connectedAfter: Int64?
    /// Connected before this time, in seconds since 1970.
    public var connectedBefore: Int64?
    /// Bounds on the session's creation time, in seconds since 1970.
    public var createdAfter: Int64?
    /// Created before this time, in seconds since 1970.
    public var createdBefore: Int64?

    /// No filter: every item.
    public init() {}
}

/// A subscription: a topic filter a client holds.
public struct Subscription: Sendable, Hashable {
    /// The client id.
    public var clientID: String
    /// The topic (a filter where wildcards are allowed).
    public var topic: String
    /// The QoS: 0, 1 or 2.
    public var qos: Int
    /// The node it is on.
    public var node: String?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A record from either generation's JSON; `raw` keeps all of it.
    public init(json: JSONValue) {
        clientID = (json["clientid"] ?? json["client_id"])?.stringValue ?? ""
        topic = json["topic"]?.stringValue ?? ""
        qos = json["qos"]?.intValue.map(Int.init) ?? 0
        node = json["node"]?.stringValue
        raw = json
    }
}

/// Filters for listing subscriptions.
public struct SubscriptionQuery: Sendable, Hashable {
    /// The client id.
    public var clientID: String?
    /// An exact topic filter.
    public var topic: String?
    /// Subscriptions whose filter matches this topic name.
    public var matchTopic: String?
    /// The QoS: 0, 1 or 2.
    public var qos: Int?
    /// A shared subscription group.
    public var shareGroup: String?
    /// The node it is on.
    public var node: String?

    /// No filter: every item.
    public init() {}
}

/// What to subscribe a client to.
public struct SubscribeRequest: Sendable, Hashable {
    /// The topic (a filter where wildcards are allowed).
    public var topic: String
    /// The QoS: 0, 1 or 2.
    public var qos: Int
    /// MQTT 5 options (v5 only): no local, retain as published, retain handling.
    public var noLocal: Bool?
    /// MQTT 5: keep the retain flag as published.
    public var retainAsPublished: Bool?
    /// MQTT 5: 0 sends retained messages, 1 only for a new subscription, 2 never.
    public var retainHandling: Int?

    /// A topic filter to subscribe a client to.
    ///
    /// - Parameters:
    ///   - topic: The topic filter.
    ///   - qos: The maximum QoS, 0 to 2.
    ///   - noLocal: MQTT 5: the client does not get its own messages back.
    ///   - retainAsPublished: MQTT 5: keep the retain flag as published.
    ///   - retainHandling: MQTT 5: 0 sends retained messages, 1 only for a new subscription, 2 never.
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
    /// The topic (a filter where wildcards are allowed).
    public var topic: String
    /// The node it is on.
    public var node: String?
    /// The whole record as the server sent it, for the fields this type does not name.
    public var raw: JSONValue

    /// A record from either generation's JSON; `raw` keeps all of it.
    public init(json: JSONValue) {
        topic = json["topic"]?.stringValue ?? ""
        node = json["node"]?.stringValue
        raw = json
    }
}
