/// One HTTP exchange as the transport sees it: a full URL, headers and body bytes.
public struct TransportRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// The absolute URL, already encoded.
    public var url: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?

    public init(method: HTTPMethod, url: String, headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One header line; names compare case-insensitively through `TransportResponse.header(_:)`.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete HTTP response.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: [UInt8]

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
