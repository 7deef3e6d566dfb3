/// Where an MQTT client connects and how it introduces itself.
public struct MQTTClientOptions: Sendable, Hashable {
    /// The MQTT protocol level the client asks for.
    public enum ProtocolVersion: String, Sendable, Hashable, CaseIterable {
        /// MQTT 3.1.1.
        case v311 = "3.1.1"
        /// MQTT 5.0.
        case v5 = "5"
    }

    /// The broker's host name or address.
    public var host: String
    /// The broker's MQTT port.
    public var port: Int
    /// The client identifier; empty asks the broker to assign one (MQTT 5, or 3.1.1 with a clean session).
    public var clientID: String
    /// The protocol level.
    public var version: ProtocolVersion
    /// The user name, when the broker wants one.
    public var username: String?
    /// The password, when the broker wants one; never logged.
    public var password: String?
    /// Seconds between keepalive pings when nothing else is sent; 0 turns keepalive off.
    public var keepalive: Int
    /// Whether the broker starts a new session (true) or resumes the client's earlier one.
    public var cleanStart: Bool
    /// How long to wait for the TCP connection and the broker's CONNACK.
    public var connectTimeout: Duration
    /// How long to wait for an acknowledgement (PUBACK, PUBCOMP, SUBACK).
    public var acknowledgementTimeout: Duration
    /// TLS (`mqtts://`, `wss://`) with this trust and pin; nil for plain TCP.
    public var tls: TLSOptions?
    /// MQTT over a WebSocket to this HTTP path (`ws://`, `wss://`); nil for MQTT straight over TCP.
    public var webSocketPath: String?
    /// MQTT 5's session expiry interval, in seconds: how long the broker keeps the session once the connection
    /// ends (0: not at all). With `cleanStart` false, the session a reconnection resumes.
    public var sessionExpiry: UInt32 = 0
    /// Open a lost connection again, with backoff; nil lets `messages` end with the connection.
    public var reconnect: MQTTReconnectPolicy?
    /// How long the connection's thread waits before reading again after a read that brought a busy stream's worth
    /// (512 bytes or more); zero, the default, reads at once.
    ///
    /// A subscriber that reads each packet the instant it lands sleeps between packets, and the broker pays for
    /// waking it on nearly every write: on a busy fan-in that, not the subscriber, sets the pace. A short gather
    /// (150 µs, which `sub` uses) took a mosquitto fan-in from 0.9× mosquitto_sub's rate to 1.1–1.2×. It costs a
    /// busy stream that much latency, and the thread is held for it, so a client sharing its event loop with many
    /// busy others (a load generator) should keep zero.
    public var busyReadPause: Duration = .zero

    /// - Parameters:
    ///   - host: The broker's host.
    ///   - port: Its MQTT port (1883 by default).
    ///   - clientID: The client identifier; empty for one the broker assigns.
    ///   - version: MQTT 5 (the default) or 3.1.1.
    ///   - username: The user name, if any.
    ///   - password: The password, if any.
    ///   - keepalive: Seconds between pings (60 by default).
    ///   - cleanStart: Whether to start a new session.
    ///   - connectTimeout: For the connection and its CONNACK.
    ///   - acknowledgementTimeout: For each acknowledgement.
    ///   - tls: TLS options for `mqtts://`; nil for plain TCP.
    public init(
        host: String, port: Int = 1883, clientID: String = "", version: ProtocolVersion = .v5,
        username: String? = nil, password: String? = nil, keepalive: Int = 60, cleanStart: Bool = true,
        connectTimeout: Duration = .seconds(10), acknowledgementTimeout: Duration = .seconds(10),
        tls: TLSOptions? = nil
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.version = version
        self.username = username
        self.password = password
        self.keepalive = keepalive
        self.cleanStart = cleanStart
        self.connectTimeout = connectTimeout
        self.acknowledgementTimeout = acknowledgementTimeout
        self.tls = tls
    }

    /// Options for a client of `endpoint`, over its transport.
    ///
    /// - Parameters:
    ///   - endpoint: The broker's URL, read.
    ///   - clientID: The client identifier; empty for one the broker assigns.
    ///   - login: The user name and password, if any (an empty password is not sent).
    ///   - tls: The trust for TLS transports (the system store by default).
    public init(
        endpoint: MQTTEndpoint, clientID: String = "", login: Credentials? = nil, tls: TLSOptions = TLSOptions()
    ) {
        self.init(
            host: endpoint.host, port: endpoint.port, clientID: clientID, username: login?.appID,
            password: login.flatMap { $0.secret.isEmpty ? nil : $0.secret },
            tls: endpoint.transport.isTLS ? tls : nil)
        webSocketPath = endpoint.transport.isWebSocket ? endpoint.path : nil
    }
}
