import EMQXJSON

/// Field spellings some servers that speak the v4 API use instead of EMQX 4.4's own.
enum V4Spelling {
    /// `client_id` → `clientid`: the record with EMQX's spelling added when only the other one is there.
    static func normalized(_ record: JSONValue) -> JSONValue {
        guard case .object(var object) = record, object["clientid"] == nil, let id = object["client_id"] else {
            return record
        }
        object["clientid"] = id
        return .object(object)
    }
}
