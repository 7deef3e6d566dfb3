import EMQXJSON
import EMQXScript

/// Compact JSON straight from a value, without building the `JSONValue` tree first: a live stream (`sub`) writes
/// one line per message, and the tree cost as much as the writing. The same text as
/// `JSONWriter.encode(Renderer.json(value))`.
enum CompactValueJSON {
    /// The text, or nil when part of the value has no JSON form (a function, a stream, an error), for which the
    /// general path decides.
    static func encode(_ value: Value) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(192)
        guard append(value, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the text to `out`; false (with `out` as it was) when part of the value has no JSON form.
    static func append(_ value: Value, to out: inout [UInt8]) -> Bool {
        let start = out.count
        guard write(value, into: &out) else {
            out.removeSubrange(start...)
            return false
        }
        return true
    }

    private static func write(_ value: Value, into out: inout [UInt8]) -> Bool {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): JSONWriter.writeInteger(number, into: &out)
        case .double(let number):
            out.append(contentsOf: (number.isFinite ? JSONWriter.formatDouble(number) : "null").utf8)
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                guard write(item, into: &out) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .map(let members):
            out.append(UInt8(ascii: "{"))
            // By position: the dictionary's (key, value) elements cost a copy of each.
            let (keys, values) = (members.keys, members.values)
            for position in keys.indices {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(keys[position], into: &out)
                out.append(UInt8(ascii: ":"))
                guard write(values[position], into: &out) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case .function, .stream, .error: return false
        }
        return true
    }
}
