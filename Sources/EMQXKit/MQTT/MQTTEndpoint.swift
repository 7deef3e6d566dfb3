/// Where a deployment's MQTT broker listens: `mqtt://`, `mqtts://`, `ws://` or `wss://`, host, port and (for
/// WebSocket) the path, as EMQX's listeners are addressed.
public struct MQTTEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// How the MQTT packets travel.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        /// Plain TCP, port 1883 by default.
        case tcp = "mqtt"
        /// TLS over TCP, port 8883 by default.
        case tls = "mqtts"
        /// WebSocket over plain HTTP, port 8083 and path `/mqtt` by default.
        case webSocket = "ws"
        /// WebSocket over TLS, port 8084 and path `/mqtt` by default.
        case secureWebSocket = "wss"

        /// EMQX's default port for the transport.
        public var defaultPort: Int {
            switch self {
            case .tcp: 1883
            case .tls: 8883
            case .webSocket: 8083
            case .secureWebSocket: 8084
            }
        }

        /// Whether the transport runs over TLS.
        public var isTLS: Bool { self == .tls || self == .secureWebSocket }
        /// Whether the transport is WebSocket.
        public var isWebSocket: Bool { self == .webSocket || self == .secureWebSocket }
    }

    /// TCP, TLS, WebSocket or secure WebSocket.
    public var transport: Transport
    /// The broker's host name or address.
    public var host: String
    /// The broker's port.
    public var port: Int
    /// The HTTP path of a WebSocket endpoint (`/mqtt`); unused for TCP.
    public var path: String

    /// Reads an MQTT URL: `mqtt://host[:port]`, `mqtts://…`, `ws://host[:port][/path]`, `wss://…`.
    ///
    /// - Throws: `EMQXError(.invalidArgument)` naming what is wrong: no scheme, an unknown one, no host, a bad port.
    public init(_ url: String) throws(EMQXError) {
        guard let schemeEnd = url.firstUTF8Range(of: "://") else {
            throw EMQXError(
                .invalidArgument, "'\(url)' is no MQTT address; write mqtt://, mqtts://, ws:// or wss://host:port")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard let transport = Transport(rawValue: scheme) else {
            throw EMQXError(
                .invalidArgument, "'\(url)': \(scheme):// is no MQTT transport; use mqtt, mqtts, ws or wss")
        }
        var authority = url[schemeEnd.upperBound...]
        var path = "/mqtt"
        if let slash = authority.firstIndex(of: "/") {
            if transport.isWebSocket { path = String(authority[slash...]) }
            authority = authority[..<slash]
        }
        var host = String(authority)
        var port = transport.defaultPort
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { port = try Self.port(rest.dropFirst(), url) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = try Self.port(authority[authority.index(after: colon)...], url)
        }
        guard !host.isEmpty else { throw EMQXError(.invalidArgument, "'\(url)' has no host") }
        self.init(transport: transport, host: host, port: port, path: path)
    }

    /// - Parameters:
    ///   - transport: TCP, TLS, WebSocket or secure WebSocket.
    ///   - host: The broker's host.
    ///   - port: Its port; the transport's default when nil.
    ///   - path: The WebSocket path.
    public init(transport: Transport, host: String, port: Int? = nil, path: String = "/mqtt") {
        self.transport = transport
        self.host = host
        self.port = port ?? transport.defaultPort
        self.path = path
    }

    /// `mqtts://host:8883`, `wss://host:8084/mqtt`.
    public var description: String {
        let shownHost = host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host
        return "\(transport.rawValue)://\(shownHost):\(port)" + (transport.isWebSocket ? path : "")
    }

    /// The MQTT endpoint EMQX Cloud gives a deployment whose API is at `apiHost`: the same host, TLS on 8883. Nil
    /// for a host that is not EMQX Cloud's (a self-hosted EMQX's MQTT side cannot be guessed from its API).
    public static func cloudDefault(forAPIHost apiHost: String) -> MQTTEndpoint? {
        let host = apiHost.lowercased()
        let cloudDomains = [
            ".emqxsl.com", ".emqxsl.cn", ".emqx.cloud", ".emqxcloud.com", ".emqxcloud.cn", ".mqttce.net",
        ]
        guard cloudDomains.contains(where: { host.hasSuffix($0) }) else { return nil }
        return MQTTEndpoint(transport: .tls, host: apiHost)
    }

    private static func port(_ text: Substring, _ url: String) throws(EMQXError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw EMQXError(.invalidArgument, "'\(url)' has no valid port")
        }
        return port
    }
}
