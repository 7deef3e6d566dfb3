public import EMQXJSON
import Synchronization

/// The client for one deployment: sends requests to either API generation and decodes their answers.
///
/// Typed operations (clients, publish, users, ACL, …) live in extensions, one file per
/// resource; each builds its request for the deployment's generation with `RequestBuilder`.
public final class EMQXClient: Sendable {
    /// The deployment this client talks to.
    public let deployment: Deployment
    let transport: any HTTPTransport
    let authenticator: Authenticator
    private let detected = Mutex<APIGeneration?>(nil)
    /// Whether the server refused paging parameters once (some partial v4 servers answer `_page` with 108): lists
    /// are then asked for whole.
    let refusesPaging = Mutex(false)
    /// The dashboard login's token, once logged in (for the paths only a dashboard login may use).
    let dashboardToken = Mutex<String?>(nil)

    /// Creates a client over a given transport (tests pass a stub).
    ///
    /// - Parameters:
    ///   - deployment: Where and how to connect: base URL, credentials, generation, TLS.
    ///   - transport: What carries the HTTP exchanges.
    public init(deployment: Deployment, transport: any HTTPTransport) {
        self.deployment = deployment
        self.transport = transport
        self.authenticator = Authenticator(credentials: deployment.credentials, mode: deployment.authMode)
        if case .fixed(let generation) = deployment.generation { detected.withLock { $0 = generation } }
    }

    /// Creates a client with its own keep-alive connection pool (`NIOHTTPTransport`).
    ///
    /// - Parameter deployment: Where and how to connect.
    /// - Returns: A client with its own connection pool; no request is sent yet.
    /// - Throws: `invalidArgument` for a plain `http://` URL to a host other than loopback, unless the deployment
    ///   allows it (`allowsInsecureHTTP`): the API key would cross the network in the clear.
    public static func connect(to deployment: Deployment) async throws(EMQXError) -> EMQXClient {
        if !deployment.baseURL.isTLS, !deployment.baseURL.isLoopback, !deployment.allowsInsecureHTTP {
            throw EMQXError(
                .invalidArgument,
                "\(deployment.baseURL) is plain http:// to another host: the API key would cross the network in the "
                    + "clear; use https://, or set insecure_http = true for this deployment")
        }
        return EMQXClient(deployment: deployment, transport: try NIOHTTPTransport(deployment: deployment))
    }

    /// Closes the connection pool. Call it once, when done.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// The API generation: the configured one, or detected once and cached (CATALOG.md §3).
    ///
    /// - Returns: `.v4` or `.v5`.
    /// - Throws: `EMQXError`: when detection's `GET /nodes` fails, or answers in neither generation's shape
    ///     (`.invalidResponse`).
    public func generation() async throws(EMQXError) -> APIGeneration {
        if let known = detected.withLock({ $0 }) { return known }
        let found = try await detectGeneration()
        detected.withLock { $0 = found }
        return found
    }

    /// The generation if it is already known, without any request.
    public var knownGeneration: APIGeneration? { detected.withLock { $0 } }

    /// Sends a request and decodes the answer by the deployment's generation.
    ///
    /// - Parameter request: The method, path relative to `{API}`, query and body.
    /// - Returns: The answer's data, with paging `meta` when there is one.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func send(_ request: APIRequest) async throws(EMQXError) -> APIResponse {
        let generation = try await generation()
        let response = try await exchange(request)
        do {
            var decoded = try EnvelopeDecoder.decode(response, generation: generation, acceptsText: request.acceptsText)
            decoded.method = request.method.rawValue
            decoded.path = request.target
            return decoded
        } catch {
            throw error.at(method: request.method.rawValue, path: request.target)
        }
    }

    /// Sends any request to a path relative to `{API}`, e.g. `get /nodes`.
    ///
    /// - Parameters:
    ///   - method: GET, POST, PUT or DELETE.
    ///   - path: A path relative to `{API}`, such as `/nodes`.
    ///   - query: Query parameters, percent-encoded when sent.
    ///   - body: A JSON body for POST and PUT.
    /// - Returns: The decoded answer (text answers are accepted too).
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func raw(
        _ method: HTTPMethod, _ path: String, query: [QueryItem] = [], body: JSONValue? = nil
    ) async throws(EMQXError) -> APIResponse {
        try await send(APIRequest.raw(method, path: path, query: query, body: body))
    }

    /// One HTTP exchange with authentication, including the Digest challenge round trip.
    ///
    /// With `outsideBase`, the path is from the server's root (`/api-docs/swagger.json`), not from `{API}`.
    func exchange(_ request: APIRequest, outsideBase: Bool = false) async throws(EMQXError) -> TransportResponse {
        if Task.isCancelled { throw EMQXError(.cancelled, "the request was cancelled") }
        let target = request.target
        let uri = (outsideBase ? "" : deployment.baseURL.basePath) + target
        let url = deployment.baseURL.origin + uri
        var bodyBytes: [UInt8]?
        var headers = [HTTPHeader("Accept", "application/json"), HTTPHeader("User-Agent", "emqxsh")]
        if let body = request.body {
            bodyBytes = Array(JSONWriter.encode(body).utf8)
            headers.append(HTTPHeader("Content-Type", "application/json"))
        }
        var sentDigest = false
        var answeredStale = false
        var bearer = try await dashboardAuthorization(for: target)
        var loggedInAgain = false
        // One retry for a first challenge, one more for a stale nonce: a server that calls every nonce stale is
        // refusing, not asking again.
        for _ in 0..<3 {
            var attempt = headers
            if let bearer {
                attempt.append(HTTPHeader("Authorization", bearer))
            } else if let authorization = authenticator.authorization(method: request.method.rawValue, uri: uri) {
                attempt.append(HTTPHeader("Authorization", authorization))
                sentDigest = authorization.hasPrefix("Digest")
            }
            let response: TransportResponse
            do {
                response = try await transport.send(
                    TransportRequest(method: request.method, url: url, headers: attempt, body: bodyBytes))
            } catch {
                throw error.at(method: request.method.rawValue, path: target)
            }
            if response.status == 401, bearer != nil, !loggedInAgain {
                // The token expired: log in once more.
                loggedInAgain = true
                bearer = try await dashboardAuthorization(for: target, fresh: true)
                continue
            }
            if response.status == 401, let retry = authenticator.retry(after: response, previousHadDigest: sentDigest),
                retry == .challenge || !answeredStale
            {
                answeredStale = answeredStale || retry == .staleNonce
                continue
            }
            if (300..<400).contains(response.status) {
                // Never followed: the credentials and the body would go wherever the answer points.
                let location = response.header("location").map { "to \($0)" } ?? "without a Location"
                throw EMQXError(
                    .invalidResponse,
                    "the server answered with a redirect (\(response.status)) \(location); API calls do not follow "
                        + "redirects, so set the deployment's URL to where the API is",
                    httpStatus: response.status, method: request.method.rawValue, path: target)
            }
            return response
        }
        throw EMQXError(
            .unauthorized, "the server kept refusing the Digest answer", httpStatus: 401,
            method: request.method.rawValue, path: target)
    }

    private func detectGeneration() async throws(EMQXError) -> APIGeneration {
        if let generation = deployment.baseURL.generationFromShape { return generation }
        let probe = APIRequest(.get, "/nodes")
        let response = try await exchange(probe)
        let body = try? JSONParser.parse(bytes: response.body)
        if response.status == 401 {
            throw EMQXError(
                .unauthorized, "the server refused the credentials while detecting the API generation",
                httpStatus: 401, method: "GET", path: "/nodes")
        }
        switch body {
        case .array(let nodes)?:
            if let version = nodes.first?["version"]?.stringValue, version.hasPrefix("4.") { return .v4 }
            return .v5
        case .object(let object)?:
            if object["code"]?.intValue != nil { return .v4 }
            if object["code"]?.stringValue != nil { return .v5 }
        default: break
        }
        throw EMQXError(
            .invalidResponse,
            "cannot tell the API generation of \(deployment.baseURL) from GET /nodes (HTTP "
                + "\(response.status)); set it to v4 or v5",
            httpStatus: response.status, method: "GET", path: "/nodes")
    }
}
