import EMQXJSON
import Foundation

/// A client session the sandbox knows: seeded by tests today, made by MQTT connections later.
public struct SandboxClient: Sendable, Hashable {
    public var clientID: String
    public var username: String?
    public var ipAddress: String
    public var port: Int
    public var protocolVersion: Int
    public var keepalive: Int
    public var cleanStart: Bool
    public var expiryInterval: Int
    public var isConnected: Bool
    public var createdAt: Date
    public var connectedAt: Date
    public var disconnectedAt: Date?
    /// Topic filters with their QoS, in subscription order.
    public var subscriptions: [SandboxSubscription] = []
    public var receivedMessages = 0
    public var sentMessages = 0
    /// What went over this client's connections, as the client APIs report it.
    public var traffic = ClientTraffic()
    /// The id of the listener the client connected through (`tcp:default`, `ssl:default`).
    public var listener = "tcp:default"

    public init(
        clientID: String, username: String? = nil, ipAddress: String = "127.0.0.1", port: Int = 50000,
        protocolVersion: Int = 5, keepalive: Int = 60, cleanStart: Bool = true, expiryInterval: Int = 0,
        isConnected: Bool = true, createdAt: Date = Date(), connectedAt: Date? = nil
    ) {
        self.clientID = clientID
        self.username = username
        self.ipAddress = ipAddress
        self.port = port
        self.protocolVersion = protocolVersion
        self.keepalive = keepalive
        self.cleanStart = cleanStart
        self.expiryInterval = expiryInterval
        self.isConnected = isConnected
        self.createdAt = createdAt
        self.connectedAt = connectedAt ?? createdAt
    }
}

/// A client's traffic counters: packets and bytes each way, and messages by QoS.
public struct ClientTraffic: Sendable, Hashable {
    public var receivedPackets = 0
    public var receivedBytes = 0
    public var sentPackets = 0
    public var sentBytes = 0
    /// PUBLISH packets received from the client, by QoS.
    public var receivedByQoS = [0, 0, 0]
    /// PUBLISH packets sent to the client, by QoS.
    public var sentByQoS = [0, 0, 0]
    public init() {}
}

/// One subscription of a sandbox client.
public struct SandboxSubscription: Sendable, Hashable {
    public var topic: String
    public var qos: Int
    /// MQTT 5 No Local: the subscriber does not receive its own publishes.
    public var noLocal = false
    /// MQTT 5 Retain As Published: forwarded messages keep their retain flag.
    public var retainAsPublished = false
    /// MQTT 5 Retain Handling: 0 send retained messages, 1 only for a new subscription, 2 never.
    public var retainHandling = 0
    /// MQTT 5 Subscription Identifier, echoed in each message delivered through it.
    public var identifier: Int?

    public init(
        topic: String, qos: Int, noLocal: Bool = false, retainAsPublished: Bool = false, retainHandling: Int = 0
    ) {
        self.topic = topic
        self.qos = qos
        self.noLocal = noLocal
        self.retainAsPublished = retainAsPublished
        self.retainHandling = retainHandling
    }

    /// The shared-subscription group and the filter behind it, for `$share/group/filter`.
    var share: (group: String, filter: String)? {
        guard topic.hasPrefix("$share/") else { return nil }
        let parts = topic.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        return (String(parts[1]), String(parts[2]))
    }
}

/// A message the sandbox routed to a subscribed client.
public struct DeliveredMessage: Sendable, Hashable {
    public var clientID: String
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int
    public var retain: Bool
}

struct UserRecord: Sendable {
    var password: String
    var isSuperuser: Bool
    var createdAt: Date
}

struct RuleRecord: Sendable {
    var id: String
    var name: String
    var sql: String
    var actions: JSONValue
    var enabled: Bool
    var description: String
    var createdAt: Date
}

struct BanRecord: Sendable {
    var kind: String
    var who: String
    var reason: String
    var by: String
    var at: Date
    /// nil means forever (v5's `infinity`).
    var until: Date?
}

/// Whose authorization rules a table keeps: a user name's or a client id's (rules for everyone are one list).
enum AuthzPrincipal: Sendable, CaseIterable {
    case username, clientid

    /// The field that names the principal in both generations' JSON.
    var key: String {
        switch self {
        case .username: "username"
        case .clientid: "clientid"
        }
    }

    /// v5's path segment: `rules/users`, `rules/clients`.
    var pathName: String {
        switch self {
        case .username: "users"
        case .clientid: "clients"
        }
    }
}

struct AuthzRule: Sendable, Hashable {
    var topic: String
    /// v5 spelling: publish, subscribe, all.
    var action: String
    var permission: String
}

struct AlarmRecord: Sendable {
    var name: String
    var message: String
    var activatedAt: Date
    var deactivatedAt: Date?
}

enum Timestamps {
    /// v5: RFC 3339 with milliseconds and offset, `2023-09-15T09:36:20.871+00:00`.
    static func rfc3339(_ date: Date) -> String { format(date, "yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'") }

    /// v4: `YYYY-MM-DD HH:mm:ss`.
    static func v4(_ date: Date) -> String { format(date, "yyyy-MM-dd HH:mm:ss") }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

/// MQTT topic-filter matching with `+` and `#`, and `$share/group/` prefixes stripped.
enum TopicMatcher {
    static func matches(filter: String, topic: String) -> Bool {
        var filterLevels = filter.split(separator: "/", omittingEmptySubsequences: false)
        if filterLevels.first == "$share", filterLevels.count > 2 { filterLevels.removeFirst(2) }
        let topicLevels = topic.split(separator: "/", omittingEmptySubsequences: false)
        if topic.hasPrefix("$"), let first = filterLevels.first, first == "+" || first == "#" { return false }
        for (index, level) in filterLevels.enumerated() {
            if level == "#" { return true }
            guard index < topicLevels.count else { return false }
            if level != "+" && level != topicLevels[index] { return false }
        }
        return filterLevels.count == topicLevels.count
    }

    /// A topic name one may publish to: not empty, no wildcards, no NUL.
    static func isValidName(_ topic: String) -> Bool {
        !topic.isEmpty && !topic.utf8.contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "#") || $0 == 0 }
    }

    /// A topic filter one may subscribe to: `#` only last, wildcards alone in their level.
    static func isValidFilter(_ filter: String) -> Bool {
        guard !filter.isEmpty, !filter.contains("\u{0}") else { return false }
        if filter.hasPrefix("$share/") {
            let parts = filter.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[1].isEmpty, !parts[1].contains("+"), !parts[1].contains("#") else {
                return false
            }
            return isValidFilter(String(parts[2])) && !parts[2].hasPrefix("$share/")
        }
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains("#") && (level != "#" || index != levels.count - 1) { return false }
            if level.contains("+") && level != "+" { return false }
        }
        return true
    }
}
