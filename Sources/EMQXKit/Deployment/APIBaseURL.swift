/// The `{API}` part of every request: scheme, host, port and base path, e.g. `https://host:8443/api/v5`.
public struct APIBaseURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// The host name or address.
    public var host: String
    /// The port.
    public var port: Int
    /// The base path without a trailing slash, e.g. `/api/v5`; may be empty.
    public var basePath: String

    /// Parses an `http://` or `https://` URL; anything else is refused with a message that says why.
    public init(_ text: String) throws(EMQXError) {
        let trimmed = text.trimmingWhitespace()
        guard let schemeEnd = trimmed.firstUTF8Range(of: "://") else {
            throw EMQXError(
                .invalidArgument,
                "the API URL '\(trimmed)' has no scheme; write https://HOST:PORT/api/v5 (or http:// explicitly)")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw EMQXError(
                .invalidArgument,
                "the API URL '\(trimmed)' uses '\(scheme)'; only https:// (or http:// explicitly) is supported")
        }
        var rest = Substring(trimmed[schemeEnd.upperBound...])
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[slash...]
        } else {
            authority = rest
            path = ""
        }
        if authority.containsUTF8("@") {
            throw EMQXError(
                .invalidArgument, "the API URL must not carry credentials; give the AppID and secret separately")
        }
        var host = String(authority)
        var port = scheme == "https" ? 443 : 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw EMQXError(.invalidArgument, "the API URL '\(trimmed)' has an unterminated IPv6 address")
            }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()), (1...65535).contains(parsed) else {
                    throw EMQXError(.invalidArgument, "the API URL '\(trimmed)' has an invalid port")
                }
                port = parsed
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let parsed = Int(authority[authority.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw EMQXError(.invalidArgument, "the API URL '\(trimmed)' has an invalid port")
            }
            port = parsed
        }
        guard !host.isEmpty else { throw EMQXError(.invalidArgument, "the API URL '\(trimmed)' has no host") }
        var base = String(path)
        while base.hasSuffix("/") { base.removeLast() }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = base
    }

    /// Whether requests go over TLS.
    public var isTLS: Bool { scheme == "https" }

    /// Whether the host is this machine (127.0.0.0/8, ::1, localhost), where plain HTTP never leaves it.
    public var isLoopback: Bool {
        let name = host.lowercased()
        return name == "localhost" || name.hasSuffix(".localhost") || name == "::1"
            || name.hasPrefix("127.")
                && name.split(separator: ".").count == 4 && name.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    /// `scheme://host:port`, the origin without the base path.
    public var origin: String {
        let hostPart = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)"
    }

    /// The full URL text.
    public var description: String { origin + basePath }

    /// The generation the path's shape tells, if it tells one (CATALOG.md §3, rule 1).
    public var generationFromShape: APIGeneration? {
        if basePath.hasSuffix("/api/v5") { return .v5 }
        if basePath.hasSuffix("/api/v4") { return .v4 }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
