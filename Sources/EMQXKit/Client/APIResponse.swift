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
}
