import Crypto

/// Computes the `Authorization: Digest …` header for one request (RFC 7616 §3.4).
public struct DigestAuthorization: Sendable {
    /// The user name, when there is one.
    public var username: String
    /// The AppSecret; only ever an input to the hashes.
    public var password: String
    /// The challenge being answered.
    public var challenge: DigestChallenge

    /// Answers a challenge; the password only enters hashes.
    ///
    /// - Parameters:
    ///   - username: The AppID.
    ///   - password: The AppSecret.
    ///   - challenge: The server's `WWW-Authenticate: Digest …`, parsed.
    public init(username: String, password: String, challenge: DigestChallenge) {
        self.username = username
        self.password = password
        self.challenge = challenge
    }

    /// The `response` hash for a request.
    ///
    /// For the `-sess` algorithms HA1 is fixed per nonce: the caller passes the same client nonce for every request
    /// under one server nonce (`Authenticator` does), as RFC 7616 §3.4.2 computes A1 once per session.
    public func response(method: String, uri: String, nonceCount: Int, clientNonce: String) -> String {
        var ha1 = hash("\(username):\(challenge.realm):\(password)")
        if challenge.algorithm.isSession { ha1 = hash("\(ha1):\(challenge.nonce):\(clientNonce)") }
        let ha2 = hash("\(method):\(uri)")
        if challenge.supportsQopAuth {
            return hash("\(ha1):\(challenge.nonce):\(Self.formatNonceCount(nonceCount)):\(clientNonce):auth:\(ha2)")
        }
        return hash("\(ha1):\(challenge.nonce):\(ha2)")
    }

    /// The complete header value.
    public func headerValue(method: String, uri: String, nonceCount: Int, clientNonce: String) -> String {
        let response = response(method: method, uri: uri, nonceCount: nonceCount, clientNonce: clientNonce)
        let name = challenge.userhash ? hash("\(username):\(challenge.realm)") : username
        var parts = [
            "username=\(quoted(name))",
            "realm=\(quoted(challenge.realm))",
            "uri=\(quoted(uri))",
            "algorithm=\(challenge.algorithm.token)",
            "nonce=\(quoted(challenge.nonce))",
        ]
        if challenge.supportsQopAuth {
            parts += ["nc=\(Self.formatNonceCount(nonceCount))", "cnonce=\(quoted(clientNonce))", "qop=auth"]
        }
        parts.append("response=\(quoted(response))")
        if let opaque = challenge.opaque { parts.append("opaque=\(quoted(opaque))") }
        if challenge.userhash { parts.append("userhash=true") }
        return "Digest " + parts.joined(separator: ", ")
    }

    static func formatNonceCount(_ count: Int) -> String {
        let hex = String(count, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    /// A fresh client nonce: 16 random bytes in hex.
    static func makeClientNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let hex = String(UInt8.random(in: 0...255, using: &generator), radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    private func hash(_ text: String) -> String {
        let bytes = Array(text.utf8)
        switch challenge.algorithm {
        case .md5, .md5Session: return hex(Insecure.MD5.hash(data: bytes))
        case .sha256, .sha256Session: return hex(SHA256.hash(data: bytes))
        }
    }

    private func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    private func quoted(_ value: String) -> String {
        "\"" + value.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
