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
    private let realm = "emqx-sandbox"
    private let opaque: String
    /// Issued nonces and when they were issued; unknown nonces are refused, old ones are stale.
    private let nonces = Mutex<[String: ContinuousClock.Instant]>([:])

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        self.opaque = Self.randomHex(16)
    }

    func check(authorization: String?, method: String, uri: String) -> Outcome {
        switch configuration.auth {
        case .basic:
            guard let authorization, authorization.lowercased().hasPrefix("basic "),
                let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
                let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { return .refused(challenges: []) }
            let ok = text[..<colon] == configuration.appID && text[text.index(after: colon)...] == configuration.appSecret
            return ok ? .accepted : .refused(challenges: [])
        case .digest:
            guard let authorization, authorization.lowercased().hasPrefix("digest ") else {
                return .refused(challenges: challenges(stale: false))
            }
            return verifyDigest(parameters(of: String(authorization.dropFirst(7))), method: method, uri: uri)
        }
    }

    private func verifyDigest(_ p: [String: String], method: String, uri: String) -> Outcome {
        guard p["username"] == configuration.appID, p["realm"] == realm, let nonce = p["nonce"], p["uri"] == uri,
            let response = p["response"], p["opaque"] == opaque
        else { return .refused(challenges: challenges(stale: false)) }
        let algorithm = (p["algorithm"] ?? "MD5").uppercased()
        guard algorithm == "MD5" || algorithm == "SHA-256" else { return .refused(challenges: challenges(stale: false)) }
        let hash: (String) -> String = { algorithm == "MD5" ? Self.md5($0) : Self.sha256($0) }
        let ha1 = hash("\(configuration.appID):\(realm):\(configuration.appSecret)")
        let ha2 = hash("\(method):\(uri)")
        let expected: String
        if let qop = p["qop"] {
            guard qop == "auth", let nc = p["nc"], let cnonce = p["cnonce"] else {
                return .refused(challenges: challenges(stale: false))
            }
            expected = hash("\(ha1):\(nonce):\(nc):\(cnonce):auth:\(ha2)")
        } else {
            expected = hash("\(ha1):\(nonce):\(ha2)")
        }
        guard expected == response.lowercased() else { return .refused(challenges: challenges(stale: false)) }
        let issued = nonces.withLock { $0[nonce] }
        // A nonce we never issued (or forgot) is stale too: the client's credentials were right.
        guard let issued else { return .refused(challenges: challenges(stale: true)) }
        if ContinuousClock.now - issued > configuration.digestNonceLifetime {
            _ = nonces.withLock { $0.removeValue(forKey: nonce) }
            return .refused(challenges: challenges(stale: true))
        }
        return .accepted
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
            table[nonce] = .now
        }
        let staleText = stale ? ", stale=true" : ""
        return ["SHA-256", "MD5"].map {
            "Digest realm=\"\(realm)\", qop=\"auth\", algorithm=\($0), nonce=\"\(nonce)\", opaque=\"\(opaque)\"\(staleText)"
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

    static func md5(_ text: String) -> String { Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
    static func sha256(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
    static func randomHex(_ bytes: Int) -> String { (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined() }
}
