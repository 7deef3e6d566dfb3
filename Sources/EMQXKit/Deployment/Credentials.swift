/// An API key: the AppID (key id) and its AppSecret.
///
/// The secret never appears in `description`, `debugDescription` or any error: it is
/// only read by the authenticators that put it on the wire (Basic) or hash it (Digest).
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The AppID, sent as the user name; not a secret.
    public var appID: String
    /// The AppSecret.
    public let secret: String

    public init(appID: String, secret: String) {
        self.appID = appID
        self.secret = secret
    }

    /// `appID:********`: the key id and a fixed-width mask that says nothing of the secret's length.
    public var description: String { "\(appID):********" }
    public var debugDescription: String { "Credentials(\(description))" }
}
