import EMQXJSON
import Testing

@testable import EMQXKit

@Suite struct EnvelopeTests {
    func response(_ status: Int, _ body: String, headers: [HTTPHeader] = []) -> TransportResponse {
        TransportResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    @Test(arguments: V4ResultCode.allCases)
    func everyV4ResultCodeBecomesANamedError(_ code: V4ResultCode) {
        #expect {
            _ = try EnvelopeDecoder.decode(
                response(200, #"{"code":\#(code.rawValue),"message":"why"}"#), generation: .v4)
        } throws: { error in
            guard let error = error as? EMQXError else { return false }
            return error.code == .clientError && error.v4ResultCode == code && error.message == "why (\(code.meaning))"
                && error.httpStatus == 200
        }
    }

    @Test func v4SuccessSplitsDataAndMeta() throws {
        let decoded = try EnvelopeDecoder.decode(
            response(
                200, #"{"code":0,"data":[{"clientid":"a"}],"meta":{"page":1,"limit":10,"count":-1,"hasnext":false}}"#),
            generation: .v4)
        #expect(decoded.data == [["clientid": "a"]])
        #expect(decoded.meta?["count"] == -1)
    }

    @Test func v4MessageOnlyBodyIsAnError() {
        #expect(throws: EMQXError(.clientError, "{error,existed}", httpStatus: 200)) {
            _ = try EnvelopeDecoder.decode(response(200, #"{"message":"{error,existed}"}"#), generation: .v4)
        }
    }

    @Test func v4UnauthorizedPlainText() {
        #expect {
            _ = try EnvelopeDecoder.decode(response(401, "UNAUTHORIZED"), generation: .v4)
        } throws: { error in
            (error as? EMQXError).map {
                $0.code == .unauthorized && $0.httpStatus == 401 && $0.message.contains("UNAUTHORIZED")
            } ?? false
        }
    }

    @Test(
        arguments: [
            (
                404, #"{"code":"CLIENTID_NOT_FOUND","message":"Client ID not found"}"#, EMQXError.Code.clientError,
                "CLIENTID_NOT_FOUND", "Client ID not found"
            ),
            (
                401, #"{"code":"BAD_API_KEY_OR_SECRET","message":"Check api_key/api_secret"}"#, .unauthorized,
                "BAD_API_KEY_OR_SECRET", "Check api_key/api_secret"
            ),
            (
                409, #"{"code":"ALREADY_EXISTS","message":"User already exists"}"#, .clientError, "ALREADY_EXISTS",
                "User already exists"
            ),
            (503, #"{"reason_code":131,"message":"service unavailable"}"#, .serverError, "131", "service unavailable"),
            (500, "<html>oops</html>", .serverError, nil, "the server answered with an HTML page: <html>oops</html>"),
            (
                502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", .serverError, nil,
                "the server answered with an HTML page: 502 Bad Gateway"
            ),
            (502, "", .serverError, nil, "Bad Gateway"),
        ] as [(Int, String, EMQXError.Code, String?, String)])
    func v5ErrorsCarryStatusCodeAndMessage(
        _ status: Int, _ body: String, _ kind: EMQXError.Code, _ apiCode: String?, _ message: String
    ) {
        #expect(throws: EMQXError(kind, message, httpStatus: status, apiCode: apiCode)) {
            _ = try EnvelopeDecoder.decode(response(status, body), generation: .v5)
        }
    }

    @Test func v5BodiesListsAndEmptyAnswers() throws {
        let list = try EnvelopeDecoder.decode(response(200, #"{"data":[1],"meta":{"hasnext":false}}"#), generation: .v5)
        #expect(list.data == [1])
        let object = try EnvelopeDecoder.decode(response(200, #"{"data":"x","clientid":"c"}"#), generation: .v5)
        #expect(object.data == object.body)
        #expect(try EnvelopeDecoder.decode(response(204, ""), generation: .v5).data == .null)
        let accepted = try EnvelopeDecoder.decode(
            response(202, #"{"reason_code":16,"message":"no_matching_subscribers"}"#), generation: .v5)
        #expect(accepted.status == 202)
    }

    @Test(arguments: [
        ("not json at all", "not JSON"), (#"{"code":0,"data":[1,2"#, "truncated JSON"), ("", "empty body"),
    ])
    func badBodiesSaySo(_ body: String, _ phrase: String) {
        // v5 answers some successes with no body at all; v4 always sends its envelope.
        for generation in body.isEmpty ? [.v4] : APIGeneration.allCases {
            #expect {
                _ = try EnvelopeDecoder.decode(response(200, body), generation: generation)
            } throws: { error in
                (error as? EMQXError).map { $0.code == .invalidResponse && $0.message.contains(phrase) } ?? false
            }
        }
    }

    @Test func aTextAnswerIsItsText() throws {
        // v5's health check answers text/plain; anything else claiming JSON must be JSON.
        let text = [HTTPHeader("Content-Type", "text/plain; charset=utf-8")]
        let status = try EnvelopeDecoder.decode(
            response(200, "Node emqx@127.0.0.1 is started\nemqx is running", headers: text), generation: .v5,
            acceptsText: true)
        #expect(status.data == .string("Node emqx@127.0.0.1 is started\nemqx is running"))
        expectError(.invalidResponse) {
            _ = try EnvelopeDecoder.decode(
                response(200, "<html>", headers: [HTTPHeader("Content-Type", "application/json")]), generation: .v5)
        }
        expectError(.serverError) {
            _ = try EnvelopeDecoder.decode(response(503, "busy", headers: text), generation: .v5)
        }
    }

    @Test func pagingMetaOfBothGenerations() throws {
        let v4 = APIResponse(status: 200, body: .null, data: [1, 2], meta: ["page": 1, "limit": 2, "count": -1])
        #expect(try Page.from(v4, page: 1, limit: 2).hasNext)
        #expect(try Page.from(v4, page: 1, limit: 2).total == nil)
        let v5 = APIResponse(status: 200, body: .null, data: [1], meta: ["page": 3, "limit": 2, "count": 5])
        #expect(try !Page.from(v5, page: 3, limit: 2).hasNext)
        let flagged = APIResponse(status: 200, body: .null, data: [1, 2], meta: ["hasnext": false])
        #expect(try !Page.from(flagged, page: 1, limit: 2).hasNext)
    }
}
