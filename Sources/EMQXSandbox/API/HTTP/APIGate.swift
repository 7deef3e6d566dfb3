import EMQXJSON
import Foundation
import Hummingbird

/// The API generation a request path belongs to.
typealias APIGeneration = SandboxConfiguration.Generation

/// What every management API request passes before its route: the generation its path names (and whether the
/// sandbox serves it), credentials, a path that percent-decodes; and a path no route takes, answered in the
/// generation's own words.
struct APIGate: RouterMiddleware {
    typealias Context = BasicRequestContext
    let authenticator: SandboxAuthenticator
    let generations: Set<APIGeneration>
    /// The v5 routes, described at `/api-docs/swagger.json` (nil: not described, as with swagger disabled).
    let description: RouteBook?
    /// A document served in place of the description.
    let documentFile: String?
    /// The EMQX release the sandbox says it is.
    let release: String

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        // As EMQX 5's dashboard listener: the description needs no credentials.
        if path == "/api-docs/swagger.json", let description, generations.contains(.v5) {
            if let documentFile {
                guard let bytes = FileManager.default.contents(atPath: documentFile) else {
                    return SandboxResponse.text("Not Found", status: 404).response
                }
                return SandboxResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(bytes))
                    .response
            }
            return SandboxResponse.json(description.document(version: release)).response
        }
        guard segments.first == "api" else { return SandboxResponse.text("Not Found", status: 404).response }
        let generation: APIGeneration = segments.count >= 2 && segments[1] == "v5" ? .v5 : .v4
        guard generations.contains(generation) else { return SandboxResponse.text("Not Found", status: 404).response }
        // The v5 health check needs no credentials.
        if generation == .v5, segments.count == 3, segments[2] == "status" || segments[2] == "login" {
            return try await next(request, context)
        }
        let target = request.head.path ?? "/"
        let method = request.method.rawValue
        if case .refused(let challenges) = authenticator.check(
            authorization: request.headers[.authorization], method: method, uri: target)
        {
            return Self.unauthorized(generation, challenges: challenges).response
        }
        // API keys are made and changed by a dashboard login, never by an API key.
        if generation == .v5, segments.count >= 3, segments[2] == "api_key",
            !authenticator.dashboard.isLoggedIn(request.headers[.authorization])
        {
            return SandboxResponse.json(
                ["code": "API_KEY_NOT_ALLOW", "message": "API key and secret are not allowed on this path"],
                status: 401
            ).response
        }
        guard segments.allSatisfy({ $0.removingPercentEncoding != nil }) else {
            return APIAnswer(generation).badRequest("bad percent-encoding in path").response
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return APIAnswer(generation).pathNotFound.response
        }
    }

    /// 4.4 answers a bare text 401 with a Basic challenge; 5.x a JSON error, with the Digest challenges when asked.
    static func unauthorized(_ generation: APIGeneration, challenges: [String]) -> SandboxResponse {
        let headers = challenges.map { ("WWW-Authenticate", $0) }
        switch generation {
        case .v4:
            let basic = challenges.isEmpty ? [("WWW-Authenticate", "Basic Realm=\"minirest-server\"")] : headers
            return .text("UNAUTHORIZED", status: 401, headers: basic)
        case .v5:
            var response = SandboxResponse.json(
                ["code": "BAD_API_KEY_OR_SECRET", "message": "Check api_key/api_secret"], status: 401)
            response.headers += headers
            return response
        }
    }
}
