import Synchronization

/// Adds credentials to requests and answers Digest challenges, remembering them per deployment.
///
/// Basic goes up front (as EMQX expects) unless the deployment asks for Digest only.
/// Once a server has challenged for Digest, Basic is never sent to it again, and the
/// nonce is reused with an increasing nonce count until the server calls it stale.
final class Authenticator: Sendable {
    private struct DigestState {
        var challenge: DigestChallenge
        var nonceCount: Int
        /// For `-sess` algorithms, the one client nonce of this server nonce (HA1 is fixed per nonce).
        var sessionClientNonce = DigestAuthorization.makeClientNonce()
    }

    let credentials: Credentials?
    let mode: AuthMode
    private let digest = Mutex<DigestState?>(nil)

    init(credentials: Credentials?, mode: AuthMode) {
        self.credentials = credentials
        self.mode = mode
    }

    /// The `Authorization` header for a request, or nil when none should be sent yet.
    func authorization(method: String, uri: String) -> String? {
        guard let credentials else { return nil }
        let next: (DigestChallenge, Int, String)? = digest.withLock { state in
            guard var current = state else { return nil }
            current.nonceCount += 1
            state = current
            return (current.challenge, current.nonceCount, current.sessionClientNonce)
        }
        if let (challenge, count, sessionNonce) = next {
            let clientNonce = challenge.algorithm.isSession ? sessionNonce : DigestAuthorization.makeClientNonce()
            return DigestAuthorization(username: credentials.appID, password: credentials.secret, challenge: challenge)
                .headerValue(method: method, uri: uri, nonceCount: count, clientNonce: clientNonce)
        }
        guard mode != .digest else { return nil }
        let token = Base64.encode(Array("\(credentials.appID):\(credentials.secret)".utf8))
        return "Basic \(token)"
    }

    /// Why a refused request is sent again.
    enum Retry: Equatable {
        /// The server asked for Digest: answer its challenge.
        case challenge
        /// The Digest answer was right but the nonce expired (`stale=true`): answer the new one.
        case staleNonce
    }

    /// Learns from a 401: says why the request should be sent again with new credentials, or nil when it should not.
    ///
    /// - Parameters:
    ///   - response: The 401, with its `WWW-Authenticate` challenges.
    ///   - previousHadDigest: Whether the refused request already carried a Digest answer.
    /// - Returns: Why to send it again (a first Digest answer, or a stale nonce's new one), or nil.
    func retry(after response: TransportResponse, previousHadDigest: Bool) -> Retry? {
        guard credentials != nil, mode != .basic else { return nil }
        guard let challenge = DigestChallenge.best(in: response.headers(named: "WWW-Authenticate")) else { return nil }
        // A Digest answer refused without `stale` means wrong credentials: do not loop.
        if previousHadDigest && !challenge.stale { return nil }
        digest.withLock { $0 = DigestState(challenge: challenge, nonceCount: 0) }
        return previousHadDigest ? .staleNonce : .challenge
    }
}

/// Standard base64 (RFC 4648) without line breaks.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [
                alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)],
                alphabet[Int(n & 63)],
            ]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [
                alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], UInt8(ascii: "="),
            ]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
