/// How the client checks the server's certificate.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM file of the CA certificates to trust instead of the system's store, as curl's `--cacert` does.
    public var caFile: String?
    /// The SHA-256 fingerprint of the server's certificate, in hex (colons and case ignored).
    ///
    /// With a pin, the certificate must match it; a self-signed pinned certificate is
    /// then trusted without a CA, the way private deployments are usually set up.
    public var pinnedSHA256: String?

    /// - Parameters:
    ///   - caFile: Extra CA certificates (PEM) trusted besides the system's.
    ///   - pinnedSHA256: The server certificate's SHA-256 fingerprint; when set, only that certificate is accepted.
    public init(caFile: String? = nil, pinnedSHA256: String? = nil) {
        self.caFile = caFile
        self.pinnedSHA256 = pinnedSHA256
    }

    /// The pin in canonical form: lower-case hex with no separators, or nil when none is set.
    public var normalizedPin: String? {
        guard let pin = pinnedSHA256 else { return nil }
        return String(pin.lowercased().filter { $0.isHexDigit })
    }
}

/// Time limits on one request.
public struct Timeouts: Sendable, Hashable {
    /// Establishing the TCP connection and the TLS handshake.
    public var connect: Duration
    /// Waiting for the next bytes of a response.
    public var read: Duration
    /// The whole request, from sending to the last byte of the answer.
    public var total: Duration

    /// - Parameters:
    ///   - connect: For the TCP connection and the TLS handshake.
    ///   - read: For silence while an answer is awaited.
    ///   - total: For the whole exchange, body included.
    public init(connect: Duration = .seconds(10), read: Duration = .seconds(30), total: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
        self.total = total
    }
}

/// How the client authenticates.
public enum AuthMode: String, Sendable, Hashable, CaseIterable {
    /// Basic up front (what EMQX and EMQX Cloud ask for); Digest from then on if the server challenges for it.
    case auto
    /// Basic only.
    case basic
    /// Digest only: the first request goes without credentials to fetch the challenge, so the secret never crosses the
    /// wire.
    case digest
}
