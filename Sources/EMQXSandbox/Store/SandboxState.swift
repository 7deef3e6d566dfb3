import DequeModule
import EMQXJSON
import EMQXMQTT
import Foundation
import OrderedCollections

/// Everything the sandbox deployment holds, shared by both API generations.
public actor SandboxState {
    let nodeName: String
    let startedAt = Date()
    var clients: OrderedDictionary<String, SandboxClient> = [:]
    /// Built-in authentication users keyed by user name (v4 `/auth_username`, v5's built-in database).
    var usernameUsers: OrderedDictionary<String, UserRecord> = [:]
    /// v4 `/auth_clientid` users.
    var clientidUsers: OrderedDictionary<String, UserRecord> = [:]
    var usernameRules: OrderedDictionary<String, [AuthzRule]> = [:]
    var clientidRules: OrderedDictionary<String, [AuthzRule]> = [:]
    var allRules: [AuthzRule] = []
    var bans: [BanRecord] = []
    var rules: OrderedDictionary<String, RuleRecord> = [:]
    var alarms: [AlarmRecord] = []
    /// Log traces by name (v5 `/trace`).
    var traces: OrderedDictionary<String, TraceRecord> = [:]
    /// Topics registered for metrics (v5 `/mqtt/topic_metrics`).
    var topicMetrics: OrderedDictionary<String, TopicMetricRecord> = [:]
    /// The authenticator chain (v5 `/authentication`); the built-in database's is enabled when MQTT logins are
    /// checked.
    var authenticators: AccessChain
    /// The authorization sources (v5 `/authorization/sources`) and what happens when none decides.
    var authorizationSources = SandboxState.initialAuthorizationSources
    var authorizationSettings: JSONObject = [
        "no_match": "allow", "deny_action": "ignore",
        "cache": ["enable": true, "max_size": 32, "ttl": "1m", "excludes": []],
    ]
    /// Configuration sections by name (v5 `/configs/NAME`).
    var configuration = OrderedDictionary(uniqueKeysWithValues: SandboxState.initialConfiguration)
    /// v5 connectors by id (`http:name`), and the actions and sources that use them.
    var connectors: OrderedDictionary<String, ConnectorRecord> = [:]
    var actions: OrderedDictionary<String, BridgeRecord> = [:]
    var sources: OrderedDictionary<String, BridgeRecord> = [:]
    /// v4 rule-engine resources by id (`resource:…`).
    var resources: OrderedDictionary<String, V4Resource> = [:]
    /// Messages held for later by `$delayed/N/` topics.
    var delayed = DelayedMessages()
    /// The slowest deliveries, when enabled.
    var slowSubscriptions = SlowSubscriptions()
    /// The MQTT listeners by id (`tcp:default`), as the server bound them.
    var listeners: OrderedDictionary<String, ListenerRecord> = [:]
    /// v4 plugins by name, and whether each is loaded.
    var plugins = OrderedDictionary(uniqueKeysWithValues: SandboxState.defaultPlugins)
    /// Retained messages, one per topic, within `limits.retainedBytes`.
    var retained = RetainedMessages(limit: SandboxLimits().retainedBytes)
    /// MQTT session state beside each client record: its connection, will, in-flight and queued messages.
    var sessions: [String: MQTTSession] = [:]
    /// Round-robin position per shared-subscription group and filter.
    var sharedCursor: [String: Int] = [:]
    let log: @Sendable (String) -> Void
    /// The last deliveries, for tests, within `limits`.
    var delivered = DeliveryLog(
        maximumEntries: SandboxLimits().deliveryLogEntries, maximumBytes: SandboxLimits().deliveryLogBytes)
    /// What a hostile or careless client can make the sandbox hold.
    let limits = SandboxLimits()
    var counters: [String: Int64] = [:]
    var nextRuleNumber = 1
    /// What the current step decided to send or close, handed to the connections as the step ends.
    var outbox = MQTTOutbox()

    /// Dashboard logins and API keys, which the API's authenticator also reads.
    let dashboard: DashboardAccess
    /// The API keys' records by name (`/api_key`).
    var apiKeys: OrderedDictionary<String, APIKeyRecord> = [:]

    init(
        nodeName: String, mqttAuthentication: Bool = false,
        dashboard: DashboardAccess = DashboardAccess(username: "admin", password: "public"),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.dashboard = dashboard
        self.nodeName = nodeName
        self.authenticators = Self.initialAuthenticators(enabled: mqttAuthentication)
        self.log = log
    }

    // MARK: Seeding, for tests that need many clients without connecting them

    /// Adds or replaces a client session.
    public func seed(_ client: SandboxClient) {
        clients[client.clientID] = client
    }

    /// Adds many clients named `prefix-0001`, … at once.
    public func seedClients(count: Int, prefix: String = "client", connected: Bool = true) {
        for index in 1...max(count, 1) where count > 0 {
            let id = "\(prefix)-" + String(format: "%05d", index)
            var client = SandboxClient(clientID: id, username: "user-\(index % 10)", port: 40000 + index % 20000)
            client.isConnected = connected
            clients[id] = client
        }
    }

    /// Raises an alarm, as a node does when a threshold is crossed.
    public func raiseAlarm(name: String, message: String) {
        alarms.append(AlarmRecord(name: name, message: message, activatedAt: Date(), deactivatedAt: nil))
    }

    /// Messages the sandbox routed to clients, oldest first.
    public func deliveredMessages() -> [DeliveredMessage] { delivered.all }

    /// A client's current state, if it exists.
    public func client(_ id: String) -> SandboxClient? { clients[id] }
    /// The names of the log traces, for tests.
    public var traceNames: [String] { Array(traces.keys) }

    /// Number of client sessions.
    public var clientCount: Int { clients.count }
    /// Number of clients connected now.
    public func connectedClientCount() -> Int { clients.values.count(where: \.isConnected) }
    /// Number of subscriptions, all clients together.
    public func subscriptionCount() -> Int { clients.values.reduce(0) { $0 + $1.subscriptions.count } }

    // MARK: Shared behaviour

    /// Routes an API publish; returns how many subscribers received it.
    func route(topic: String, payload: [UInt8], qos: Int, retain: Bool, properties: [MQTTProperty] = []) -> Int {
        route(MQTTMessage(topic: topic, payload: payload, qos: qos, retain: retain, properties: properties))
    }

    func count(_ name: String, by amount: Int64 = 1) {
        counters[name, default: 0] += amount
    }

    /// Topic filters that have at least one subscriber, in first-seen order.
    func routes() -> [String] {
        var seen = OrderedSet<String>()
        for (id, client) in clients where client.isConnected || sessions[id] != nil {
            for subscription in client.subscriptions { seen.append(subscription.share?.filter ?? subscription.topic) }
        }
        return Array(seen)
    }

    /// The rules table of a principal kind.
    func authzRules(_ principal: AuthzPrincipal) -> OrderedDictionary<String, [AuthzRule]> {
        principal == .username ? usernameRules : clientidRules
    }

    /// Sets (or with nil removes) one principal's rules.
    func setAuthzRules(_ principal: AuthzPrincipal, _ who: String, _ rules: [AuthzRule]?) {
        switch principal {
        case .username: usernameRules[who] = rules
        case .clientid: clientidRules[who] = rules
        }
    }

    func isBanned(clientID: String?, username: String?, peerhost: String?) -> Bool {
        let now = Date()
        return bans.contains { ban in
            guard ban.until.map({ $0 > now }) ?? true else { return false }
            switch ban.kind {
            case "clientid": return ban.who == clientID
            case "username": return ban.who == username
            case "peerhost": return ban.who == peerhost
            default: return false
            }
        }
    }
}

/// The sandbox's bounds on what clients can make it hold.
struct SandboxLimits: Sendable {
    /// All retained messages together (topic, payload and overhead).
    var retainedBytes = 64 << 20
    /// The delivery log tests read.
    var deliveryLogEntries = 10_000
    var deliveryLogBytes = 16 << 20
    /// Subscriptions of one client, and the bytes of their filters.
    var subscriptionsPerClient = 10_000
    var subscriptionBytesPerClient = 1 << 20
}
