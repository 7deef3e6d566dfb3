public import EMQXJSON

/// An HTTP method the management API uses.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE", patch = "PATCH"
}

/// One query parameter; names may repeat (v5 takes `clientid=a&clientid=b`).
public struct QueryItem: Sendable, Hashable {
    /// The parameter's name.
    public var name: String
    /// The parameter's value.
    public var value: String
    /// A query parameter; both parts are percent-encoded when sent.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A request relative to a deployment's `{API}` base, before credentials are added.
public struct APIRequest: Sendable, Hashable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path as the API documents it, e.g. `/clients/{clientid}`; `{…}` segments are filled from `pathParameters`.
    public var template: String
    /// The values of the template's `{…}` segments, in order; each is percent-encoded as one segment.
    public var pathParameters: [String]
    /// Query parameters, sent percent-encoded.
    public var query: [QueryItem]
    /// The JSON body, sent with `Content-Type: application/json`.
    public var body: JSONValue?
    /// Whether a `text/plain` answer is the answer; only raw requests take one (health checks answer in text).
    public var acceptsText = false

    /// A request to a path relative to `{API}`.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - template: The path with `{}` where each parameter goes, e.g. `/clients/{}/subscriptions`.
    ///   - pathParameters: Values for the template, percent-encoded as one segment each.
    ///   - query: Query parameters.
    ///   - body: A JSON body.
    public init(
        _ method: HTTPMethod, _ template: String, _ pathParameters: [String] = [], query: [QueryItem] = [],
        body: JSONValue? = nil
    ) {
        self.method = method
        self.template = template
        self.pathParameters = pathParameters
        self.query = query
        self.body = body
    }

    /// The encoded path: each template parameter replaced by its percent-encoded value.
    public var path: String {
        var parameters = pathParameters.makeIterator()
        let segments = template.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment.hasPrefix("{") && segment.hasSuffix("}"), let value = parameters.next() {
                return PercentEncoding.encode(value)
            }
            return String(segment)
        }
        return segments.joined(separator: "/")
    }

    /// The encoded query string without `?`, empty when there are no items.
    public var queryString: String {
        query.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// Path and query as they go on the request line, relative to the base.
    public var target: String {
        let q = queryString
        return q.isEmpty ? path : "\(path)?\(q)"
    }

    /// A request for a path the user typed, such as `/clients?page=2` or `nodes`.
    ///
    /// The path is taken as written (the user encodes what needs encoding); a query in
    /// it is split off and merged with `query`.
    public static func raw(
        _ method: HTTPMethod, path: String, query: [QueryItem] = [], body: JSONValue? = nil
    ) -> APIRequest {
        var text = path.hasPrefix("/") ? path : "/" + path
        var items: [QueryItem] = []
        if let mark = text.firstIndex(of: "?") {
            for pair in text[text.index(after: mark)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = PercentEncoding.decode(parts[0]) ?? String(parts[0])
                let value = parts.count > 1 ? (PercentEncoding.decode(parts[1]) ?? String(parts[1])) : ""
                items.append(QueryItem(name, value))
            }
            text = String(text[..<mark])
        }
        var request = APIRequest(method, text, query: items + query, body: body)
        request.acceptsText = true
        return request
    }
}
