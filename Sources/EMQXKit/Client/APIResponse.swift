public import EMQXJSON

/// A successful answer with its envelope taken apart.
public struct APIResponse: Sendable, Hashable {
    /// The HTTP status (200, 201, 202 or 204).
    public var status: Int
    /// The whole JSON body (`null` for an empty body).
    public var body: JSONValue
    /// The payload: v4's `data`, v5's `data` for lists, or the bare v5 body.
    public var data: JSONValue
    /// The paging `meta` object, when there is one.
    public var meta: JSONValue?
    /// The request this answers, for error messages.
    var method: String?
    var path: String?
}

extension APIResponse {
    /// The payload as a list; any other shape is an `invalidResponse` error, never an empty list.
    public func list() throws(EMQXError) -> [JSONValue] {
        if let items = data.arrayValue { return items }
        throw shapeError(expected: "a list")
    }

    /// The payload as one object; v4's one-element list around a single record is unwrapped.
    public func object() throws(EMQXError) -> JSONValue {
        switch data {
        case .object: return data
        case .array(let items) where items.count == 1 && items[0].objectValue != nil: return items[0]
        default: throw shapeError(expected: "an object")
        }
    }

    private func shapeError(expected: String) -> EMQXError {
        EMQXError(
            .invalidResponse, "the server answered with \(Self.describeShape(data)) where \(expected) was expected",
            httpStatus: status, method: method, path: path)
    }

    /// "a list of 3 items", "an object", "the string \"…\"": what a user needs to see what came back.
    static func describeShape(_ value: JSONValue) -> String {
        switch value {
        case .array(let items): return "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
        case .object: return "an object"
        case .string(let text): return "the text \"\(text.count > 60 ? String(text.prefix(60)) + "…" : text)\""
        case .null: return "nothing"
        case .bool(let flag): return "the value \(flag)"
        default: return "a number"
        }
    }
}
