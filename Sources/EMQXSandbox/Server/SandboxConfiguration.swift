/// How a sandbox is set up: which generations it serves, how it authenticates, and where it listens.
public struct SandboxConfiguration: Sendable {
    /// How the management API checks credentials.
    public enum AuthScheme: String, Sendable, CaseIterable {
        /// HTTP Basic, as EMQX does.
        case basic
        /// HTTP Digest (RFC 7616), challenging with SHA-256 and MD5.
        case digest
    }

    /// A management API generation the sandbox can serve.
    public enum Generation: String, Sendable, CaseIterable {
        case v4, v5
    }

    /// The dashboard user `POST /login` accepts (EMQX's default `admin`/`public`); its tokens manage API keys.
    public var dashboardUsername = "admin"
    public var dashboardPassword = "public"
    /// The API key the sandbox accepts.
    public var appID: String
    public var appSecret: String
    public var auth: AuthScheme
    /// Serve HTTPS with a generated certificate (true) or plain HTTP.
    public var useTLS: Bool
    /// Where the certificate and key are kept between runs; nil keeps them in memory only.
    public var stateDirectory: String?
    /// The address to listen on; tests and the embedded sandbox use 127.0.0.1.
    public var host: String
    /// 0 lets the OS pick a free port.
    public var port: Int
    /// The name this node reports, as EMQX's `emqx@host`.
    public var nodeName: String
    /// How long a Digest nonce stays fresh before the server answers `stale=true`.
    public var digestNonceLifetime: Duration
    /// How long a management API connection may stay silent before it is closed.
    public var httpIdleTimeout: Duration = .seconds(60)
    /// The most management API connections open at once; one more is closed as it opens.
    public var maximumHTTPConnections = 512
    /// How long an MQTT connection has to send CONNECT, from the moment it opens (EMQX's `idle_timeout`, 15 s).
    public var mqttConnectTimeout: Duration = .seconds(10)
    /// The Digest algorithms offered, strongest first (`SHA-256`, `MD5`, and their `-sess` variants).
    public var digestAlgorithms = ["SHA-256", "MD5"]
    /// Whether Digest challenges ask for the username hashed (`userhash=true`, RFC 7616 §3.4.4).
    public var digestUserhash = false
    /// Which management API generations are served: EMQX 4's (`/api/v4` and Cloud's `/api`), EMQX 5's (`/api/v5`), or
    /// both.
    public var generations: Set<Generation>
    /// The MQTT listener's port (0: the OS picks); nil serves no MQTT.
    public var mqttPort: Int?
    /// The MQTT-over-TLS listener's port, with the sandbox's certificate (0: the OS picks); nil, or plain HTTP, serves
    /// none.
    public var mqttTLSPort: Int?
    /// The MQTT-over-WebSocket listener's port (path `/mqtt`; 0: the OS picks); nil serves none.
    public var mqttWebSocketPort: Int? = 0
    /// The MQTT-over-secure-WebSocket listener's port (path `/mqtt`; 0: the OS picks); nil, or plain HTTP, serves none.
    public var mqttSecureWebSocketPort: Int? = 0
    /// Whether MQTT clients must log in as one of the authentication users; off lets anyone connect, as a fresh EMQX
    /// does.
    public var mqttAuthentication: Bool
    /// Whether `GET /api-docs/swagger.json` describes the v5 routes, as EMQX 5 does unless swagger is disabled.
    public var servesOpenAPIDocument = true
    /// A file served at `/api-docs/swagger.json` instead of the sandbox's own description: for checking a client
    /// against a release's whole document (EMQX's `ee-en.json`), whose operations the sandbox mostly does not have.
    public var openAPIDocumentFile: String?
    /// The EMQX release the nodes report and the description names; the v5 API's nodes say `5.8.1`.
    public static let release = "5.8.1"
    /// Where the sandbox reports what it refused or closed (malformed packets, failed logins); one line per event.
    public var log: @Sendable (String) -> Void

    public init(
        appID: String = "sandbox", appSecret: String = "sandbox-secret", auth: AuthScheme = .basic, useTLS: Bool = true,
        stateDirectory: String? = nil, host: String = "127.0.0.1", port: Int = 0, nodeName: String = "emqx@127.0.0.1",
        digestNonceLifetime: Duration = .seconds(300), generations: Set<Generation> = [.v4, .v5], mqttPort: Int? = 0,
        mqttTLSPort: Int? = 0, mqttAuthentication: Bool = false,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.appID = appID
        self.appSecret = appSecret
        self.auth = auth
        self.useTLS = useTLS
        self.stateDirectory = stateDirectory
        self.host = host
        self.port = port
        self.nodeName = nodeName
        self.digestNonceLifetime = digestNonceLifetime
        self.generations = generations
        self.mqttPort = mqttPort
        self.mqttTLSPort = mqttTLSPort
        self.mqttAuthentication = mqttAuthentication
        self.log = log
    }
}
