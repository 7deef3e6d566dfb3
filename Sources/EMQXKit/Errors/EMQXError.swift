/// Every failure EMQXKit reports: what kind it is, what the API said, and which request it was.
///
/// The message never contains a credential: errors are built from status lines, API
/// bodies and request paths, none of which carry the secret.
public struct EMQXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; the shell maps each kind to an exit code.
    public var code: Code
    /// A sentence for the user.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// The API's own error code: a v4 result code as a number (`"112"`) or a v5 code (`"CLIENTID_NOT_FOUND"`).
    public var apiCode: String?
    /// The HTTP method of the request that failed.
    public var method: String?
    /// The request path, relative to the deployment's base URL.
    public var path: String?

    /// An error of a kind, with what the API said when it said something.
    ///
    /// - Parameters:
    ///   - code: The kind.
    ///   - message: A sentence for the user; never a credential.
    ///   - httpStatus: The HTTP status, when a response arrived.
    ///   - apiCode: The API's own code.
    ///   - method: The request's method.
    ///   - path: The request's path, relative to the base URL.
    public init(
        _ code: Code, _ message: String, httpStatus: Int? = nil, apiCode: String? = nil,
        method: String? = nil, path: String? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.apiCode = apiCode
        self.method = method
        self.path = path
    }

    /// The v4 result code this error carries, when it carries one.
    public var v4ResultCode: V4ResultCode? { apiCode.flatMap(Int.init).flatMap(V4ResultCode.init(rawValue:)) }

    /// One line: `GET /clients/x: 404 CLIENTID_NOT_FOUND: Client ID not found`.
    public var description: String {
        var parts: [String] = []
        if let method, let path { parts.append("\(method) \(path)") }
        var status: [String] = []
        if let httpStatus { status.append(String(httpStatus)) }
        if let apiCode { status.append(apiCode) }
        if !status.isEmpty { parts.append(status.joined(separator: " ")) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// Returns this error with the request it belongs to filled in.
    func at(method: String, path: String) -> EMQXError {
        var copy = self
        if copy.method == nil { copy.method = method }
        if copy.path == nil { copy.path = path }
        return copy
    }
}

extension EMQXError {
    /// The kind of an `EMQXError`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case invalidArgument, unsupported, unauthorized, clientError, serverError
            case invalidResponse, network, tls, timeout, cancelled
        }
        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The caller passed something the API cannot take (a bad URL, an empty client id).
        public static let invalidArgument = Code(.invalidArgument)
        /// The operation does not exist on this deployment's API generation.
        public static let unsupported = Code(.unsupported)
        /// The server refused the credentials (HTTP 401).
        public static let unauthorized = Code(.unauthorized)
        /// The API rejected the request: HTTP 4xx, or a v4 result code.
        public static let clientError = Code(.clientError)
        /// The server failed: HTTP 5xx.
        public static let serverError = Code(.serverError)
        /// The answer was not what the API documents (not JSON, truncated, wrong shape).
        public static let invalidResponse = Code(.invalidResponse)
        /// The connection could not be made or broke.
        public static let network = Code(.network)
        /// The TLS handshake failed: unknown CA, wrong host name, pin mismatch.
        public static let tls = Code(.tls)
        /// A connect, read or total time limit ran out.
        public static let timeout = Code(.timeout)
        /// The task was cancelled.
        public static let cancelled = Code(.cancelled)

        /// How it reads in messages.
        public var description: String { wrapped.rawValue }
    }
}

extension EMQXError {
    /// The answer is larger than the deployment's `max_response_mib`.
    static func responseTooLarge(limit: Int, announced: Int?) -> EMQXError {
        let size = announced.map { " (\(byteText($0)))" } ?? ""
        return EMQXError(
            .invalidResponse,
            "the server's answer\(size) is larger than the limit of \(byteText(limit)); "
                + "ask for smaller pages or raise the deployment's max_response_mib")
    }

    /// "64 MiB", "512 KiB", "900 bytes".
    static func byteText(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 20 { return "\(Double(bytes * 10 >> 20) / 10) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
