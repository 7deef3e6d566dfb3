import EMQXJSON
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One API call as a route's handler sees it: the query, the JSON body (already checked), and the path's parameters
/// by name, percent-decoded.
struct APICall: Sendable {
    let request: SandboxRequest
    let body: JSONValue?
    let parameters: [String: String]

    /// A parameter the route's path names (`clients/:clientid` → `call["clientid"]`).
    subscript(_ name: String) -> String { parameters[name] ?? "" }

    func queryValue(_ name: String) -> String? { request.queryValue(name) }
}

/// A route's handler: runs on the store's actor, so it reads and changes records without awaiting.
typealias APIHandler = @Sendable (isolated SandboxState, APICall) -> SandboxResponse

/// The routes of one API generation under its base path (`/api/v5`, `/api/v4`, Cloud's `/api`).
struct APIRoutes: Sendable {
    let group: RouterGroup<BasicRequestContext>
    let state: SandboxState
    let generation: APIGeneration
    /// Where the routes are written down for the self-description, if anywhere.
    var book: RouteBook?
    /// The body's limit: EMQX refuses larger ones too.
    static let maximumBodyBytes = 16 * 1024 * 1024

    /// `described: false` serves a route the self-description leaves out, as an alias of a described one.
    func get(_ path: String, described: Bool = true, _ handler: @escaping APIHandler) {
        on(.get, path, described, handler)
    }
    func post(_ path: String, described: Bool = true, _ handler: @escaping APIHandler) {
        on(.post, path, described, handler)
    }
    func put(_ path: String, described: Bool = true, _ handler: @escaping APIHandler) {
        on(.put, path, described, handler)
    }
    func delete(_ path: String, described: Bool = true, _ handler: @escaping APIHandler) {
        on(.delete, path, described, handler)
    }

    /// Describes a route served under another parameter name (see `described`).
    func describe(_ method: HTTPRequest.Method, _ path: String) { book?.record(method.rawValue, path) }

    private func on(_ method: HTTPRequest.Method, _ path: String, _ described: Bool, _ handler: @escaping APIHandler) {
        let names = path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
        if described { book?.record(method.rawValue, path) }
        let (state, answer) = (state, APIAnswer(generation))
        group.on(RouterPath(path), method: method) { (request: Request, context: BasicRequestContext) -> Response in
            var parameters: [String: String] = [:]
            for name in names {
                // The gate has checked that every segment percent-decodes.
                let raw = context.parameters.get(name) ?? ""
                parameters[name] = raw.removingPercentEncoding ?? raw
            }
            let buffer = try await request.body.collect(upTo: Self.maximumBodyBytes)
            let sandboxRequest = SandboxRequest(
                query: SandboxRequest.query(request.uri.query ?? ""), body: Array(buffer: buffer))
            let body: JSONValue?
            do throws(SandboxRequest.BodyError) { body = try sandboxRequest.json() } catch {
                return answer.invalidBody(error.message).response
            }
            let call = APICall(request: sandboxRequest, body: body, parameters: parameters)
            return await state.respond(handler, to: call).response
        }
    }
}

extension SandboxResponse {
    /// The response Hummingbird writes.
    var response: Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
