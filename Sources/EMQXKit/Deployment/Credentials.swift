/// An API key: the AppID (key id) and its AppSecret.
///
/// The secret never appears in `description`, `debugDescription` or any error: it is
/// only read by the authenticators that put it on the wire (Basic) or hash it (Digest).
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The AppID, sent as the user name; not a secret.
    public var appID: String
    /// The AppSecret.
    public let secret: String

    /// - Parameters:
    ///   - appID: The API key's id (sent as the user name).
    ///   - secret: The API key's secret; descriptions of the credentials never show it.
    public init(appID: String, secret: String) {
        self.appID = appID
        self.secret = secret
    }

    /// `appID:********`: the key id and a fixed-width mask that says nothing of the secret's length.
    public var description: String { "\(appID):********" }
    /// How it reads in a debugger: the secret never shows.
    public var debugDescription: String { "Credentials(\(description))" }
}
