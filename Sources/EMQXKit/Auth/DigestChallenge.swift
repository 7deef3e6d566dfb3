/// A `WWW-Authenticate: Digest …` challenge (RFC 7616 §3.3).
public struct DigestChallenge: Sendable, Hashable {
    /// The protection space.
    public var realm: String
    /// The server's nonce.
    public var nonce: String
    /// Returned to the server unchanged.
    public var opaque: String?
    /// `MD5`, `SHA-256`, or their `-sess` variants.
    public var algorithm: DigestAlgorithm
    /// Whether the server offered `qop=auth`; without it the RFC 2069 form is used.
    public var supportsQopAuth: Bool
    /// The server says the nonce expired but the credentials were right: retry with the new nonce.
    public var stale: Bool
    /// The server asks for the username as `H(username:realm)` (RFC 7616 §3.4.4), so it does not travel in clear.
    public var userhash: Bool = false

    /// A challenge, as a server sends it (tests build their own).
    ///
    /// - Parameters:
    ///   - realm: The protection space.
    ///   - nonce: The server's nonce.
    ///   - opaque: Returned unchanged.
    ///   - algorithm: MD5 or SHA-256, each optionally `-sess`.
    ///   - supportsQopAuth: Whether `qop=auth` is offered.
    ///   - stale: The previous nonce expired; the credentials were right.
    public init(
        realm: String, nonce: String, opaque: String? = nil, algorithm: DigestAlgorithm = .md5,
        supportsQopAuth: Bool = true, stale: Bool = false
    ) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.supportsQopAuth = supportsQopAuth
        self.stale = stale
    }

    /// The best Digest challenge among a response's `WWW-Authenticate` headers (SHA-256 over MD5), or nil.
    public static func best(in headers: [String]) -> DigestChallenge? {
        let challenges = headers.flatMap(parseAll)
        return challenges.max { $0.algorithm.strength < $1.algorithm.strength }
    }

    /// Every Digest challenge in one header value; other schemes in it are skipped.
    static func parseAll(_ header: String) -> [DigestChallenge] {
        var result: [DigestChallenge] = []
        var scanner = ParameterScanner(text: header)
        var currentScheme: String?
        var parameters: [String: String] = [:]
        func finish() {
            if currentScheme?.lowercased() == "digest", let challenge = DigestChallenge(parameters: parameters) {
                result.append(challenge)
            }
            parameters = [:]
        }
        while let token = scanner.next() {
            switch token {
            case .scheme(let name):
                finish()
                currentScheme = name
            case .parameter(let name, let value):
                parameters[name.lowercased()] = value
            }
        }
        finish()
        return result
    }

    init?(parameters: [String: String]) {
        guard let realm = parameters["realm"], let nonce = parameters["nonce"] else { return nil }
        let algorithm = DigestAlgorithm(rawValue: (parameters["algorithm"] ?? "MD5").uppercased())
        guard let algorithm else { return nil }
        let qops = (parameters["qop"] ?? "").split(separator: ",").map {
            String($0).trimmingCharacters(in: " \t").lowercased()
        }
        if parameters["qop"] != nil && !qops.contains("auth") { return nil }
        self.init(
            realm: realm, nonce: nonce, opaque: parameters["opaque"], algorithm: algorithm,
            supportsQopAuth: qops.contains("auth"), stale: parameters["stale"]?.lowercased() == "true"
        )
        userhash = parameters["userhash"]?.lowercased() == "true"
    }
}

/// A Digest hash algorithm.
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    case md5 = "MD5"
    case md5Session = "MD5-SESS"
    case sha256 = "SHA-256"
    case sha256Session = "SHA-256-SESS"

    var isSession: Bool { self == .md5Session || self == .sha256Session }
    var strength: Int { self == .sha256 || self == .sha256Session ? 2 : 1 }
    /// The spelling used on the wire.
    var token: String {
        switch self {
        case .md5: return "MD5"
        case .md5Session: return "MD5-sess"
        case .sha256: return "SHA-256"
        case .sha256Session: return "SHA-256-sess"
        }
    }
}

/// Splits `Digest realm="a", nonce="b", Basic realm="c"` into schemes and parameters.
private struct ParameterScanner {
    enum Token { case scheme(String), parameter(String, String) }
    let characters: [Character]
    var index = 0
    init(text: String) { characters = Array(text) }

    mutating func next() -> Token? {
        skip { $0 == " " || $0 == "\t" || $0 == "," }
        guard index < characters.count else { return nil }
        let name = readToken()
        guard !name.isEmpty else {
            index += 1
            return next()
        }
        skip { $0 == " " || $0 == "\t" }
        guard index < characters.count, characters[index] == "=" else { return .scheme(name) }
        index += 1
        skip { $0 == " " || $0 == "\t" }
        if index < characters.count, characters[index] == "\"" {
            index += 1
            var value = ""
            while index < characters.count, characters[index] != "\"" {
                if characters[index] == "\\", index + 1 < characters.count { index += 1 }
                value.append(characters[index])
                index += 1
            }
            index += 1
            return .parameter(name, value)
        }
        return .parameter(name, readToken())
    }

    mutating func readToken() -> String {
        var token = ""
        while index < characters.count, !" \t,=\"".contains(characters[index]) {
            token.append(characters[index])
            index += 1
        }
        return token
    }

    mutating func skip(while predicate: (Character) -> Bool) {
        while index < characters.count, predicate(characters[index]) { index += 1 }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
