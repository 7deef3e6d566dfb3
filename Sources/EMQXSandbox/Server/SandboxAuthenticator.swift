import Crypto
import Foundation
import Synchronization

/// Checks the management API's credentials with Basic or Digest, as configured.
final class SandboxAuthenticator: Sendable {
    enum Outcome: Equatable {
        case accepted
        /// Refused; for Digest, the challenge headers to send (with `stale` when the nonce expired).
        case refused(challenges: [String])
    }

    private let configuration: SandboxConfiguration
    /// Dashboard logins and the API keys made through the API.
    let dashboard: DashboardAccess
    private let realm = "emqx-sandbox"
    private let opaque: String
    /// Issued nonces: when each was issued and the highest nonce count seen with it (a count not above it is a replay).
    private let nonces = Mutex<[String: (issued: ContinuousClock.Instant, lastCount: UInt64)]>([:])

    init(configuration: SandboxConfiguration, dashboard: DashboardAccess) {
        self.configuration = configuration
        self.dashboard = dashboard
        self.opaque = Self.randomHex(16)
    }

    func check(authorization: String?, method: String, uri: String) -> Outcome {
        // A dashboard login works whatever scheme API keys use.
        if dashboard.isLoggedIn(authorization) { return .accepted }
        switch configuration.auth {
        case .basic:
            guard let authorization, authorization.lowercased().hasPrefix("basic "),
                let decoded = Data(
                    base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { return .refused(challenges: []) }
            // Both compared in full, in time that does not depend on where they differ.
            let (key, secret) = (String(text[..<colon]), String(text[text.index(after: colon)...]))
            let idMatches = Self.constantTimeEqual(key, configuration.appID)
            let secretMatches = Self.constantTimeEqual(secret, configuration.appSecret)
            return (idMatches && secretMatches) || dashboard.acceptsKey(key, secret: secret)
                ? .accepted : .refused(challenges: [])
        case .digest:
            guard let authorization, authorization.lowercased().hasPrefix("digest ") else {
                return .refused(challenges: challenges(stale: false))
            }
            return verifyDigest(parameters(of: String(authorization.dropFirst(7))), method: method, uri: uri)
        }
    }

    private func verifyDigest(_ p: [String: String], method: String, uri: String) -> Outcome {
        guard p["realm"] == realm, let nonce = p["nonce"], p["uri"] == uri,
            let response = p["response"], p["opaque"] == opaque
        else { return .refused(challenges: challenges(stale: false)) }
        let algorithm = (p["algorithm"] ?? "MD5").uppercased()
        let session = algorithm.hasSuffix("-SESS")
        let base = session ? String(algorithm.dropLast(5)) : algorithm
        guard base == "MD5" || base == "SHA-256" else { return .refused(challenges: challenges(stale: false)) }
        let hash: (String) -> String = { base == "MD5" ? Self.md5($0) : Self.sha256($0) }
        // userhash=true (RFC 7616 §3.4.4): the username travels as H(username:realm).
        let expectedUser =
            p["userhash"]?.lowercased() == "true" ? hash("\(configuration.appID):\(realm)") : configuration.appID
        guard let user = p["username"], Self.constantTimeEqual(user, expectedUser) else {
            return .refused(challenges: challenges(stale: false))
        }
        var ha1 = hash("\(configuration.appID):\(realm):\(configuration.appSecret)")
        let ha2 = hash("\(method):\(uri)")
        let expected: String
        var count: UInt64?
        if let qop = p["qop"] {
            guard qop == "auth", let nc = p["nc"], let parsed = UInt64(nc, radix: 16), let cnonce = p["cnonce"] else {
                return .refused(challenges: challenges(stale: false))
            }
            if session { ha1 = hash("\(ha1):\(nonce):\(cnonce)") }
            count = parsed
            expected = hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        } else {
            guard !session else { return .refused(challenges: challenges(stale: false)) }
            expected = hash("\(ha1):\(nonce):\(ha2)")
        }
        guard Self.constantTimeEqual(expected, response.lowercased()) else {
            return .refused(challenges: challenges(stale: false))
        }
        enum Verdict { case fresh, unknown, expired, replayed }
        let verdict: Verdict = nonces.withLock { table in
            // A nonce we never issued (or forgot) is stale too: the client's credentials were right.
            guard let entry = table[nonce] else { return .unknown }
            if ContinuousClock.now - entry.issued > configuration.digestNonceLifetime {
                table.removeValue(forKey: nonce)
                return .expired
            }
            // Each request under a nonce must count up; one seen before is a replay of a captured request.
            if let count {
                guard count > entry.lastCount else { return .replayed }
                table[nonce]?.lastCount = count
            }
            return .fresh
        }
        switch verdict {
        case .fresh: return .accepted
        case .unknown, .expired: return .refused(challenges: challenges(stale: true))
        case .replayed: return .refused(challenges: challenges(stale: false))
        }
    }

    /// Equal strings, compared over their whole length whatever the first difference.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    /// Forgets every issued nonce, so the next Digest answer is refused as stale.
    func expireNonces() {
        nonces.withLock { $0.removeAll() }
    }

    /// One challenge per algorithm, strongest first, sharing a fresh nonce.
    private func challenges(stale: Bool) -> [String] {
        let nonce = Self.randomHex(24)
        nonces.withLock { table in
            if table.count > 10_000 { table.removeAll() }
            table[nonce] = (issued: .now, lastCount: 0)
        }
        let extra = (stale ? ", stale=true" : "") + (configuration.digestUserhash ? ", userhash=true" : "")
        return configuration.digestAlgorithms.map {
            "Digest realm=\"\(realm)\", qop=\"auth\", algorithm=\($0), nonce=\"\(nonce)\", opaque=\"\(opaque)\"\(extra)"
        }
    }

    private func parameters(of text: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(text)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: equals)...]
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var value = ""
                while let c = rest.first, c != "\"" {
                    if c == "\\" { rest = rest.dropFirst() }
                    if let next = rest.first { value.append(next) }
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
                result[name] = value
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                result[name] = rest[..<end].trimmingCharacters(in: .whitespaces)
                rest = rest[end...]
            }
        }
        return result
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
    static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
