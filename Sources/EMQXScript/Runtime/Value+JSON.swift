public import EMQXJSON

extension Value {
    /// The value of a JSON document: objects keep their key order, integers stay exact.
    ///
    /// An integer beyond 64 bits (which EMQX does not send) becomes a float.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .bigInteger(let text): self = .double(Double(text) ?? .nan)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .array(let items): self = .list(items.map(Value.init(json:)))
        // mapValues keeps the keys' hash table: no key is hashed again.
        case .object(let members): self = .map(members.mapValues(Value.init(json:)))
        }
    }

    /// The JSON form; nil for functions and streams, which have none. Errors become `{code, message, …}` objects.
    public var json: JSONValue? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return d.isFinite ? .double(d) : .null
        case .string(let s): return .string(s)
        case .list(let items):
            var out: [JSONValue] = []
            out.reserveCapacity(items.count)
            for item in items {
                guard let converted = item.json else { return nil }
                out.append(converted)
            }
            return .array(out)
        case .map(let members):
            // mapValues keeps the keys' hash table; a value with no JSON form stops it.
            struct NoJSONForm: Error {}
            let converted = try? members.mapValues { value throws(NoJSONForm) -> JSONValue in
                guard let converted = value.json else { throw NoJSONForm() }
                return converted
            }
            return converted.map(JSONValue.object)
        case .error(let error):
            var out: JSONObject = ["code": .string(error.code), "message": .string(error.message)]
            if let location = error.location {
                out["source"] = .string(location.source)
                out["line"] = .int(Int64(location.line))
                out["column"] = .int(Int64(location.column))
            }
            if error.details != .null { out["details"] = error.details.json ?? .null }
            return .object(out)
        case .function, .stream: return nil
        }
    }

    /// The text `print`, `str()` and `${…}` produce: strings as they are, numbers plainly, the rest as JSON.
    public var displayText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Value.format(d)
        case .string(let s): return s
        case .function(let f): return "<function \(f.name)>"
        case .stream(let s): return "<stream \(s.name)>"
        case .error(let e): return "\(e.code): \(e.message)"
        case .list, .map: return JSONWriter.encode(self) ?? "<unprintable>"
        }
    }

    static func format(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }
}

extension Value: JSONTree {
    /// Writes the value as it stands, as ``json`` would have it written: `json()`, printing a list or a map and the
    /// stream formats no longer copy it into `JSONValue`s first.
    @usableFromInline package func writeJSON(into out: inout [UInt8], pretty: Bool, level: Int) -> Bool {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONWriter.writeInteger(i, into: &out)
        case .double(let d): out.append(contentsOf: JSONWriter.formatDouble(d).utf8)
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .list(let items): return JSONWriter.writeArray(items, into: &out, pretty: pretty, level: level)
        case .map(let members): return JSONWriter.writeObject(members, into: &out, pretty: pretty, level: level)
        case .error: return json?.writeJSON(into: &out, pretty: pretty, level: level) ?? false
        case .function, .stream: return false
        }
        return true
    }
}
