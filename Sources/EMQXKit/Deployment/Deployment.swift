/// One EMQX deployment: where its API is, how to authenticate, and which API generation it speaks.
public struct Deployment: Sendable, Hashable {
    /// A short name the user knows the deployment by, e.g. `prod`.
    public var name: String
    /// The `{API}` base that every request is relative to.
    public var baseURL: APIBaseURL
    /// The API key; nil sends no credentials.
    public var credentials: Credentials?
    /// A fixed generation or auto-detection.
    public var generation: GenerationSetting
    /// Basic, Digest, or Basic with a switch to Digest on challenge.
    public var authMode: AuthMode
    public var tls: TLSOptions
    public var timeouts: Timeouts

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
