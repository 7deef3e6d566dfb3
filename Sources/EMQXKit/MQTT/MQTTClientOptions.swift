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
    /// TLS (`mqtts://`) with this trust and pin; nil for plain TCP.
    public var tls: TLSOptions?

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
}
