import EMQXJSON

/// Reads both generations' envelopes and turns their error forms into `EMQXError`s.
enum EnvelopeDecoder {
    /// Reads one answer as `generation` writes it.
    ///
    /// - Parameters:
    ///   - response: The HTTP answer.
    ///   - generation: The deployment's API generation, whose envelope and error form are expected.
    ///   - acceptsText: Whether a `text/plain` answer is the answer (raw requests, health checks); typed operations
    ///     take JSON only.
    /// - Returns: The data, with paging `meta` when there is one.
    /// - Throws: `EMQXError`: the API's error as `.clientError` or `.serverError` with its code, or
    ///   `.invalidResponse` for an answer that is not the generation's (HTML, the other envelope, not JSON).
    static func decode(
        _ response: TransportResponse, generation: APIGeneration, acceptsText: Bool = false
    ) throws(EMQXError) -> APIResponse {
        switch generation {
        case .v4: return try decodeV4(response, acceptsText: acceptsText)
        case .v5: return try decodeV5(response, acceptsText: acceptsText)
        }
    }

    /// v4: HTTP 200 for success and for application errors alike; the body's integer `code` decides.
    static func decodeV4(_ response: TransportResponse, acceptsText: Bool = false) throws(EMQXError) -> APIResponse {
        let status = response.status
        try refuseHTML(response)
        if status == 401 {
            throw EMQXError(
                .unauthorized,
                "the server refused the AppID/AppSecret (\(bodySummary(response.body, fallback: "UNAUTHORIZED")))",
                httpStatus: 401)
        }
        if status != 200 {
            let body = try? JSONParser.parse(bytes: response.body)
            var message = body?["message"]?.stringValue ?? bodySummary(response.body, fallback: reason(status))
            let number = body?["code"]?.intValue.map(Int.init)
            if let number {
                // A code alone says little: its meaning from EMQX's table goes with it (`400 108: request parameter
                // error`); a 404 with one is an endpoint this server lacks.
                let meaning = V4ResultCode(rawValue: number)?.meaning ?? "undocumented result code"
                let detail = body?["message"]?.stringValue
                let summary = status == 404 ? "this server does not provide this endpoint (\(meaning))" : meaning
                message = detail.map { "\($0) (\(summary))" } ?? summary
            }
            let code = body?["code"].flatMap(apiCodeText)
            throw EMQXError(
                status >= 500 ? .serverError : .clientError, message + retryAdvice(response), httpStatus: status,
                apiCode: code)
        }
        let body = try parseBody(response, acceptsText: acceptsText)
        guard case .object(let object) = body else {
            return APIResponse(status: status, body: body, data: body, meta: nil)
        }
        if let code = object["code"] {
            guard let number = code.intValue else {
                if let text = code.stringValue {
                    throw EMQXError(
                        .invalidResponse,
                        "the server answered with a v5 error (\(text)) to a deployment set to v4; check its "
                            + "API generation",
                        httpStatus: status, apiCode: text)
                }
                throw EMQXError(.invalidResponse, "the v4 envelope's code is \(code), not a number", httpStatus: status)
            }
            if number != 0 {
                let meaning = V4ResultCode(rawValue: Int(number))?.meaning ?? "undocumented result code"
                let detail = object["message"]?.stringValue
                let message = detail.map { "\($0) (\(meaning))" } ?? meaning
                throw EMQXError(.clientError, message, httpStatus: status, apiCode: String(number))
            }
            return APIResponse(status: status, body: body, data: object["data"] ?? .null, meta: object["meta"])
        }
        // Plugin APIs (auth/acl single add) answer errors as {"message": …} with no code.
        if object.count == 1, let message = object["message"]?.stringValue {
            throw EMQXError(.clientError, message, httpStatus: status)
        }
        if let data = object["data"] {
            return APIResponse(status: status, body: body, data: data, meta: object["meta"])
        }
        return APIResponse(status: status, body: body, data: body, meta: nil)
    }

    /// v5: the HTTP status decides; errors carry `{"code": "STRING", "message": …}`.
    static func decodeV5(_ response: TransportResponse, acceptsText: Bool = false) throws(EMQXError) -> APIResponse {
        let status = response.status
        try refuseHTML(response)
        if (200..<300).contains(status) {
            if status == 204 || response.body.allSatisfy(isWhitespace) {
                return APIResponse(status: status, body: .null, data: .null, meta: nil)
            }
            let body = try parseBody(response, acceptsText: acceptsText)
            if case .object(let object) = body, let code = object["code"]?.intValue {
                // v5 success bodies never carry an integer `code`: this is the v4 envelope.
                let meaning = V4ResultCode(rawValue: Int(code))?.meaning ?? "result code \(code)"
                throw EMQXError(
                    .invalidResponse,
                    "the server answered with a v4 envelope (code \(code): \(meaning)) to a deployment set to v5; "
                        + "check its API generation",
                    httpStatus: status, apiCode: String(code))
            }
            if case .object(let object) = body, let data = object["data"], let meta = object["meta"] {
                return APIResponse(status: status, body: body, data: data, meta: meta)
            }
            return APIResponse(status: status, body: body, data: body, meta: nil)
        }
        let body = try? JSONParser.parse(bytes: response.body)
        let apiCode = body?["code"].flatMap(apiCodeText) ?? body?["reason_code"].flatMap(apiCodeText)
        var message =
            (body?["message"]?.stringValue ?? bodySummary(response.body, fallback: reason(status)))
            + retryAdvice(response)
        if apiCode == "API_KEY_NOT_ALLOW" {
            // EMQX serves API keys (and dashboard users) to a dashboard login's bearer token only.
            message +=
                " (this endpoint takes a dashboard login, not an API key: give the deployment dashboard_user and "
                + "dashboard_password_env, _command or _file)"
        }
        let code: EMQXError.Code =
            status == 401
            ? .unauthorized : status >= 500 ? .serverError : status >= 400 ? .clientError : .invalidResponse
        throw EMQXError(code, message, httpStatus: status, apiCode: apiCode)
    }

    static func parseBody(_ response: TransportResponse, acceptsText: Bool = false) throws(EMQXError) -> JSONValue {
        let contentType = response.header("content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("text/"), (200..<300).contains(response.status) {
            // A few endpoints answer in text by design (`GET /status` health checks): for a raw request that text
            // is the answer; a typed operation expects JSON, so text there is a proxy or a wrong URL talking.
            guard acceptsText else {
                throw EMQXError(
                    .invalidResponse,
                    "the server answered with \(mediaType(contentType)) where JSON was expected: "
                        + bodySummary(response.body, fallback: "(empty)"),
                    httpStatus: response.status)
            }
            return .string(String(decoding: response.body, as: UTF8.self))
        }
        if response.body.allSatisfy(isWhitespace) {
            throw EMQXError(
                .invalidResponse, "the server answered with an empty body where JSON was expected",
                httpStatus: response.status)
        }
        do {
            return try JSONParser.parse(bytes: response.body)
        } catch {
            let kind =
                error.message.contains("end of text") || error.message.contains("unterminated")
                ? "truncated JSON" : "not JSON"
            throw EMQXError(
                .invalidResponse,
                "the server's answer is \(kind) (\(error.message) at byte \(error.offset)): "
                    + "\(bodySummary(response.body, fallback: ""))",
                httpStatus: response.status)
        }
    }

    /// " (retry after 120 s)" for a 429 or 503 that says when to come back.
    static func retryAdvice(_ response: TransportResponse) -> String {
        guard response.status == 429 || response.status == 503, let value = response.header("retry-after") else {
            return ""
        }
        if let seconds = Int(value.trimmingWhitespace()) { return " (retry after \(seconds) s)" }
        return " (retry after \(value.trimmingWhitespace()))"
    }

    /// An HTML page is never an API answer, whatever its status: a proxy, a login page or a wrong URL sent it.
    static func refuseHTML(_ response: TransportResponse) throws(EMQXError) {
        let contentType = response.header("content-type")?.lowercased() ?? ""
        let start = response.body.prefix(64).drop(while: isWhitespace)
        let looksLikeHTML = start.first == UInt8(ascii: "<")
        guard contentType.containsUTF8("html") || (looksLikeHTML && !contentType.containsUTF8("json")) else { return }
        let title = htmlTitle(response.body) ?? bodySummary(response.body, fallback: "(empty)")
        let status = response.status
        let code: EMQXError.Code =
            status == 401
            ? .unauthorized : status >= 500 ? .serverError : status >= 400 ? .clientError : .invalidResponse
        throw EMQXError(code, "the server answered with an HTML page: \(title)", httpStatus: status)
    }

    /// The text of an HTML page's `<title>` (or its first `<h1>`), on one line.
    static func htmlTitle(_ body: [UInt8]) -> String? {
        // Lower-casing keeps ASCII offsets for tags; the title's own letters come from the original text.
        let text = String(decoding: body.prefix(8192), as: UTF8.self)
        let lower = text.lowercased()
        guard lower.count == text.count else { return nil }
        for tag in ["title", "h1"] {
            guard let open = lower.firstRange(of: "<\(tag)"),
                let openEnd = lower[open.upperBound...].firstIndex(of: ">"),
                let close = lower[openEnd...].firstRange(of: "</\(tag)")
            else { continue }
            let start = text.index(text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: openEnd) + 1)
            let end = text.index(
                text.startIndex, offsetBy: lower.distance(from: lower.startIndex, to: close.lowerBound))
            guard start <= end else { continue }
            let inner = text[start..<end].split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !inner.isEmpty { return inner.count > 120 ? String(inner.prefix(120)) + "…" : inner }
        }
        return nil
    }

    /// `text/plain; charset=utf-8` → "a text/plain answer".
    private static func mediaType(_ contentType: String) -> String {
        let type = contentType.split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? contentType
        return "a \(type) answer"
    }

    private static func apiCodeText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The first 120 characters of a body, on one line, for messages.
    static func bodySummary(_ body: [UInt8], fallback: String) -> String {
        let text = String(decoding: body.prefix(480), as: UTF8.self)
            .split(whereSeparator: { $0.isNewline }).joined(separator: " ").trimmingWhitespace()
        guard !text.isEmpty else { return fallback }
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "HTTP \(status)"
        }
    }
}
