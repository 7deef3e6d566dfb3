import EMQXJSON
import Foundation

/// A management API request's query and body, as the handlers read them.
struct SandboxRequest: Sendable {
    var query: [(name: String, value: String)]
    var body: [UInt8]

    /// `a=1&b=x+y` as name and value pairs, percent- and `+`-decoded.
    static func query(_ text: String) -> [(name: String, value: String)] {
        func decode(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? String(text)
        }
        return text.split(separator: "&").filter { !$0.isEmpty }.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
    func queryValues(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// The body as JSON, or nil when it is empty; a malformed body throws `BodyError`.
    func json() throws(BodyError) -> JSONValue? {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        do { return try JSONParser.parse(bytes: body) } catch { throw BodyError(message: error.description) }
    }

    struct BodyError: Error { var message: String }
}

/// A response before it becomes a Hummingbird `Response`.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func json(_ value: JSONValue, status: Int = 200) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [("Content-Type", "application/json")], body: Array(JSONWriter.encode(value).utf8))
    }

    static func text(_ text: String, status: Int, headers: [(String, String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Array(text.utf8))
    }

    static let noContent = SandboxResponse(status: 204)
}

/// Page and limit as a generation reads them, and the `meta` it answers with.
struct Pager {
    var page: Int
    var limit: Int

    /// Reads paging parameters; a value that is not a positive integer is reported by name.
    static func read(_ request: SandboxRequest, _ generation: APIGeneration) -> Result<Pager, ParameterError> {
        let v4 = generation == .v4
        let pageName = v4 ? "_page" : (request.queryValue("page") != nil ? "page" : "_page")
        let limitName = v4 ? "_limit" : (request.queryValue("limit") != nil ? "limit" : "_limit")
        var pager = Pager(page: 1, limit: v4 ? 10_000 : 100)
        if let text = request.queryValue(pageName) {
            guard let value = Int(text), value >= 1 else {
                return .failure(ParameterError(name: pageName, value: text))
            }
            pager.page = value
        }
        if let text = request.queryValue(limitName) {
            guard let value = Int(text), value >= 1, v4 || value <= 10_000 else {
                return .failure(ParameterError(name: limitName, value: text))
            }
            pager.limit = value
        }
        return .success(pager)
    }

    func slice<T>(_ items: [T]) -> ArraySlice<T> {
        let start = min((page - 1) * limit, items.count)
        return items[start..<min(start + limit, items.count)]
    }

    /// `{page, limit, count, hasnext}`; `count` is -1 (v4) or left out (v5) when `countKnown` is false.
    func meta(total: Int, countKnown: Bool, _ generation: APIGeneration) -> JSONValue {
        let v4 = generation == .v4
        var meta: JSONObject = ["page": .int(Int64(page)), "limit": .int(Int64(limit))]
        if countKnown { meta["count"] = .int(Int64(total)) } else if v4 { meta["count"] = -1 }
        meta["hasnext"] = .bool(page * limit < total)
        return .object(meta)
    }
}

struct ParameterError: Error {
    var name: String
    var value: String
}

extension Date {
    /// Seconds since 1970, as v4 filters and fields use.
    var unixSeconds: Int64 { Int64(timeIntervalSince1970) }
}
