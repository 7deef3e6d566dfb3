/// One EMQX deployment: where its API is, how to authenticate, and which API generation it speaks.
public struct Deployment: Sendable, Hashable {
    /// A short name the user knows the deployment by, e.g. `prod`.
    public var name: String
    /// The `{API}` base that every request is relative to.
    public var baseURL: APIBaseURL
    /// The API key; nil sends no credentials.
    public var credentials: Credentials?
    /// A dashboard user and password, for what EMQX 5 serves to a dashboard login only (`/api_key`); nil sends the
    /// API key there too, which EMQX refuses.
    public var dashboardLogin: Credentials?
    /// A fixed generation or auto-detection.
    public var generation: GenerationSetting
    /// Basic, Digest, or Basic with a switch to Digest on challenge.
    public var authMode: AuthMode
    /// Trust for the server's certificate: a CA file or a pinned fingerprint.
    public var tls: TLSOptions
    /// How long each stage of a request may take.
    public var timeouts: Timeouts
    /// The largest answer accepted; a larger one is an error rather than memory spent on it.
    public var maximumResponseBytes = Deployment.defaultMaximumResponseBytes
    /// Whether a plain `http://` URL to a host other than loopback is allowed (it sends the secret in the clear).
    public var allowsInsecureHTTP = false
    /// The deployment's MQTT broker as configured (`mqtt_url`); nil leaves ``mqttBroker`` to EMQX Cloud's default.
    public var mqttEndpoint: MQTTEndpoint?
    /// The MQTT user name (as `appID`) and password; nil connects without. An empty secret sends no password.
    public var mqttLogin: Credentials?

    /// Where MQTT clients connect: the configured endpoint, or for an EMQX Cloud host the same host on 8883 (TLS).
    public var mqttBroker: MQTTEndpoint? { mqttEndpoint ?? MQTTEndpoint.cloudDefault(forAPIHost: baseURL.host) }

    /// 32 MiB: a page of 10,000 v5 clients is about 12 MiB.
    public static let defaultMaximumResponseBytes = 32 << 20

    /// Creates a deployment from a URL text; a malformed URL throws an error that says why.
    public init(
        name: String,
        url: String,
        credentials: Credentials?,
        generation: GenerationSetting = .auto,
        authMode: AuthMode = .auto,
        tls: TLSOptions = TLSOptions(),
        timeouts: Timeouts = Timeouts()
    ) throws(EMQXError) {
        self.name = name
        self.baseURL = try APIBaseURL(url)
        self.credentials = credentials
        self.generation = generation
        self.authMode = authMode
        self.tls = tls
        self.timeouts = timeouts
    }
}
