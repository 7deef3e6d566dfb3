/// One HTTP exchange as the transport sees it: a full URL, headers and body bytes.
public struct TransportRequest: Sendable, Hashable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The absolute URL, already encoded.
    public var url: String
    /// The headers.
    public var headers: [HTTPHeader]
    /// The body bytes.
    public var body: [UInt8]?

    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - url: The absolute URL.
    ///   - headers: Headers to send, authorization included.
    ///   - body: The body bytes, if any.
    public init(method: HTTPMethod, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One header line; names compare case-insensitively through `TransportResponse.header(_:)`.
public struct HTTPHeader: Sendable, Hashable {
    /// The header's name.
    public var name: String
    /// The header's value.
    public var value: String
    /// A header line: name and value.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete HTTP response.
public struct TransportResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The headers.
    public var headers: [HTTPHeader]
    /// The body bytes.
    public var body: [UInt8]

    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - headers: The response headers.
    ///   - body: The whole body.
    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header with this name, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every header with this name, ignoring case, in order.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}

/// Sends HTTP requests for one deployment; the seam tests replace with a stub.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the whole response, or throws an `EMQXError`.
    func send(_ request: TransportRequest) async throws(EMQXError) -> TransportResponse
    /// Closes pooled connections; the transport is unusable afterwards.
    func shutdown() async
}
