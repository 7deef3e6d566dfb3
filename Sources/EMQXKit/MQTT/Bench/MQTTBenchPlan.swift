/// What an MQTT load run does: how many clients, what they send or receive, and for how long at most.
public struct MQTTBenchPlan: Sendable, Hashable {
    /// The three loads, as emqtt-bench and `nats bench` name them.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Open connections and hold them.
        case conn
        /// Publish from every client.
        case pub
        /// Subscribe with every client and count what arrives.
        case sub
    }

    /// conn, pub or sub.
    public var kind: Kind
    /// How many MQTT connections.
    public var clients: Int
    /// Connections opened per second at most; nil opens them as fast as the broker takes them.
    public var connectRate: Int?
    /// Messages per second, all publishers together; nil publishes as fast as the connections carry.
    public var messageRate: Int?
    /// `pub`: messages each client sends; `sub`: messages to receive in all. Nil: until the duration ends.
    public var count: Int?
    /// The longest the run takes, connecting included; `conn` holds its connections until then.
    public var duration: Duration
    /// `conn`: how long to hold the connections once all are open (within the duration); nil holds them until the
    /// duration ends.
    public var hold: Duration?
    /// The QoS of what is published, or subscribed at.
    public var qos: Int
    /// Bytes in each published payload (at least 16 carry a send time, for `sub`'s latency).
    public var payloadSize: Int
    /// The topic, where `%i` is the client's number (1…clients) and `%c` its client id: `bench/%i`.
    public var topic: String
    /// Client ids are this prefix and the client's number.
    public var clientIDPrefix: String
    /// The broker and how each client introduces itself (its client id is replaced).
    public var connection: MQTTClientOptions

    /// - Parameters:
    ///   - kind: conn, pub or sub.
    ///   - clients: The number of connections (1 by default).
    ///   - connection: The broker's options.
    ///   - duration: The time limit of the whole run (10 s by default).
    public init(kind: Kind, clients: Int = 1, connection: MQTTClientOptions, duration: Duration = .seconds(10)) {
        self.kind = kind
        self.clients = clients
        self.connection = connection
        self.duration = duration
        self.qos = 0
        self.payloadSize = 16
        self.topic = "bench/%i"
        self.clientIDPrefix = "emqxsh-bench-\(kind.rawValue)-\(UInt16.random(in: 0...UInt16.max))-"
    }

    /// The topic of client `number`.
    func topic(ofClient number: Int) -> String {
        topic.replacing("%i", with: String(number)).replacing("%c", with: clientID(number))
    }

    func clientID(_ number: Int) -> String { clientIDPrefix + String(number) }
}
