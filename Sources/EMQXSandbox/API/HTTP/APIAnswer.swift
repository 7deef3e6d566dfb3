import EMQXJSON

/// The envelopes of one API generation: 4.4 answers HTTP 200 with `{code, data, meta}` and a result code on
/// failure; 5.x answers bare bodies (or `{data, meta}`) and an HTTP status with a string code on failure.
struct APIAnswer: Sendable {
    let generation: APIGeneration

    init(_ generation: APIGeneration) { self.generation = generation }

    /// A path (or method) no route takes.
    var pathNotFound: SandboxResponse {
        switch generation {
        case .v4: .json(["message": "not found"], status: 404)
        case .v5: v5Error(404, "NOT_FOUND", "Request path not found")
        }
    }

    /// A request the generation refuses before looking at it: 4.4's result code 108, 5.x's 400 BAD_REQUEST.
    func badRequest(_ message: String) -> SandboxResponse {
        switch generation {
        case .v4: v4Failure(108, message)
        case .v5: v5Error(400, "BAD_REQUEST", message)
        }
    }

    /// A body that is not JSON: 4.4's result code 109, 5.x's 400.
    func invalidBody(_ message: String) -> SandboxResponse {
        switch generation {
        case .v4: v4Failure(109, "request body is not valid JSON: \(message)")
        case .v5: v5Error(400, "BAD_REQUEST", "invalid JSON body: \(message)")
        }
    }

    /// 4.4's success: `{code: 0, data, meta}`.
    func v4Success(_ data: JSONValue? = nil, meta: JSONValue? = nil) -> SandboxResponse {
        var body: JSONObject = ["code": 0]
        if let data { body["data"] = data }
        if let meta { body["meta"] = meta }
        return .json(.object(body))
    }

    /// 4.4's failure: HTTP 200 with a result code.
    func v4Failure(_ code: Int, _ message: String) -> SandboxResponse {
        .json(["code": .int(Int64(code)), "message": .string(message)])
    }

    /// 5.x's failure: an HTTP status with `{code, message}`.
    func v5Error(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        .json(["code": .string(code), "message": .string(message)], status: status)
    }
}
