import EMQXJSON

/// Reads both generations' envelopes and turns their error forms into `EMQXError`s.
enum EnvelopeDecoder {
    static func decode(_ response: TransportResponse, generation: APIGeneration) throws(EMQXError) -> APIResponse {
        switch generation {
        case .v4: return try decodeV4(response)
        case .v5: return try decodeV5(response)
        }
    }

    /// v4: HTTP 200 for success and for application errors alike; the body's integer `code` decides.
    static func decodeV4(_ response: TransportResponse) throws(EMQXError) -> APIResponse {
        let status = response.status
        if status == 401 {
            throw EMQXError(
                .unauthorized, "the server refused the AppID/AppSecret (\(bodySummary(response.body, fallback: "UNAUTHORIZED")))",
                httpStatus: 401)
        }
        if status != 200 {
            let body = try? JSONParser.parse(bytes: response.body)
            let message = body?["message"]?.stringValue ?? bodySummary(response.body, fallback: reason(status))
            let code = body?["code"].flatMap(apiCodeText)
            throw EMQXError(status >= 500 ? .serverError : .clientError, message, httpStatus: status, apiCode: code)
        }
        let body = try parseBody(response)
        guard case .object(let object) = body else {
            return APIResponse(status: status, body: body, data: body, meta: nil)
        }
        if let code = object["code"] {
            guard let number = code.intValue else {
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
        if let data = object["data"] { return APIResponse(status: status, body: body, data: data, meta: object["meta"]) }
        return APIResponse(status: status, body: body, data: body, meta: nil)
    }

    /// v5: the HTTP status decides; errors carry `{"code": "STRING", "message": …}`.
    static func decodeV5(_ response: TransportResponse) throws(EMQXError) -> APIResponse {
        let status = response.status
        if (200..<300).contains(status) {
            if status == 204 || response.body.allSatisfy(isWhitespace) {
                return APIResponse(status: status, body: .null, data: .null, meta: nil)
            }
            let body = try parseBody(response)
            if case .object(let object) = body, let data = object["data"], let meta = object["meta"] {
                return APIResponse(status: status, body: body, data: data, meta: meta)
            }
            return APIResponse(status: status, body: body, data: body, meta: nil)
        }
        let body = try? JSONParser.parse(bytes: response.body)
        let apiCode = body?["code"].flatMap(apiCodeText) ?? body?["reason_code"].flatMap(apiCodeText)
        let message = body?["message"]?.stringValue ?? bodySummary(response.body, fallback: reason(status))
        let code: EMQXError.Code =
            status == 401 ? .unauthorized : status >= 500 ? .serverError : status >= 400 ? .clientError : .invalidResponse
        throw EMQXError(code, message, httpStatus: status, apiCode: apiCode)
    }

    static func parseBody(_ response: TransportResponse) throws(EMQXError) -> JSONValue {
        // A few endpoints answer in text by design (v5's `GET /status` health check): that text is the answer.
        let contentType = response.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased() ?? ""
        if contentType.hasPrefix("text/"), (200..<300).contains(response.status) {
            return .string(String(decoding: response.body, as: UTF8.self))
        }
        if response.body.allSatisfy(isWhitespace) {
            throw EMQXError(.invalidResponse, "the server answered with an empty body where JSON was expected",
                            httpStatus: response.status)
        }
        do {
            return try JSONParser.parse(bytes: response.body)
        } catch {
            let kind = error.message.contains("end of text") || error.message.contains("unterminated")
                ? "truncated JSON" : "not JSON"
            throw EMQXError(
                .invalidResponse,
                "the server's answer is \(kind) (\(error.message) at byte \(error.offset)): \(bodySummary(response.body, fallback: ""))",
                httpStatus: response.status)
        }
    }

    private static func apiCodeText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

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
