/// Writes JSON text, compact or indented, keeping object key order.
///
/// The text is gathered as UTF-8 bytes and made a `String` once: appending many short pieces to a `String` costs
/// several times more than to a byte array (a million clients written as JSON spent most of their time there).
public enum JSONWriter {
    /// The compact JSON text of `value`: no spaces or newlines.
    public static func encode(_ value: JSONValue) -> String { text(value, pretty: false, level: 0) }

    /// The JSON text of `value` indented by two spaces per level.
    public static func encodePretty(_ value: JSONValue) -> String { text(value, pretty: true, level: 0) }

    /// The JSON text of `value` indented as if it stood `level` levels deep (its first line is not indented): an
    /// item of a list written one item at a time.
    public static func encodePretty(_ value: JSONValue, level: Int) -> String {
        text(value, pretty: true, level: level)
    }

    /// The JSON string literal for `string`, quotes included.
    public static func quote(_ string: String) -> String {
        var out: [UInt8] = []
        writeString(string, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The JSON text of `tree`, written as it stands; nil when something in it has no JSON form. `level` indents
    /// pretty text as if it stood that deep (an item of a list written one at a time).
    @inlinable package static func encode<Tree: JSONTree>(
        _ tree: Tree, pretty: Bool = false, level: Int = 0
    ) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        guard tree.writeJSON(into: &out, pretty: pretty, level: level) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    private static func text(_ value: JSONValue, pretty: Bool, level: Int) -> String {
        // Every JSONValue has a JSON form.
        encode(value, pretty: pretty, level: level) ?? ""
    }

    /// `items` in brackets, each written by itself; false at the first without a JSON form.
    @inlinable package static func writeArray<Tree: JSONTree>(
        _ items: [Tree], into out: inout [UInt8], pretty: Bool, level: Int
    ) -> Bool {
        if items.isEmpty {
            out.append(contentsOf: "[]".utf8)
            return true
        }
        out.append(UInt8(ascii: "["))
        for position in items.indices {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(into: &out, level: level + 1) }
            guard items[position].writeJSON(into: &out, pretty: pretty, level: level + 1) else { return false }
        }
        if pretty { newline(into: &out, level: level) }
        out.append(UInt8(ascii: "]"))
        return true
    }

    /// `members` in braces, in order; false at the first value without a JSON form.
    @inlinable package static func writeObject<Tree: JSONTree>(
        _ members: OrderedMap<Tree>, into out: inout [UInt8], pretty: Bool, level: Int
    ) -> Bool {
        if members.isEmpty {
            out.append(contentsOf: "{}".utf8)
            return true
        }
        out.append(UInt8(ascii: "{"))
        // By position: the map's (key, value) elements cost a copy of each.
        let (keys, values) = (members.keys, members.values)
        for position in keys.indices {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            if pretty { newline(into: &out, level: level + 1) }
            writeString(keys[position], into: &out)
            out.append(UInt8(ascii: ":"))
            if pretty { out.append(UInt8(ascii: " ")) }
            guard values[position].writeJSON(into: &out, pretty: pretty, level: level + 1) else { return false }
        }
        if pretty { newline(into: &out, level: level) }
        out.append(UInt8(ascii: "}"))
        return true
    }

    @usableFromInline package static func newline(into out: inout [UInt8], level: Int) {
        // One copy from a line made once: appending the spaces as a repeated element goes byte by byte.
        guard 2 * level < indentedLine.count else {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
            return
        }
        indentedLine.withUnsafeBufferPointer {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[...(2 * level)]))
        }
    }

    /// A newline and the spaces of the deepest indentation copied whole.
    @usableFromInline static let indentedLine: [UInt8] =
        [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 64)

    @usableFromInline package static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        guard value != .min else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            // Typed, so the digits are appended as one copy (a raw slice is copied byte by byte).
            let buffer = raw.assumingMemoryBound(to: UInt8.self)
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[position...]))
        }
    }

    /// JSON has no NaN or infinity; they are written as null, as JavaScript does.
    @usableFromInline package static func formatDouble(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) + ".0" }
        return String(d)
    }

    @usableFromInline package static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape: checked over their bytes in place and copied whole.
        let plain = string.utf8.withContiguousStorageIfAvailable { bytes in
            guard needsEscape(bytes) else {
                out.append(contentsOf: bytes)
                return true
            }
            return false
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter {
    /// Whether some byte is a control character, a quote or a backslash: tested eight bytes at a time, as most
    /// strings hold none.
    @usableFromInline static func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let (ones, highs): (UInt64, UInt64) = (0x0101_0101_0101_0101, 0x8080_8080_8080_8080)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // A byte below 0x20, or one that is zero once the quote's (0x22) or the backslash's (0x5C) bits are
            // flipped, sets its high bit here.
            let quote = word ^ (0x22 &* ones)
            let backslash = word ^ (0x5C &* ones)
            let found =
                (word &- 0x20 &* ones) & ~word | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            if found & highs != 0 { return true }
            offset += 8
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }
}

/// A tree the writer can write as it stands, without first making it a `JSONValue`: the script's values, which
/// `json()`, printing and the stream formats copied whole into `JSONValue`s before writing them.
@usableFromInline package protocol JSONTree {
    /// Writes itself; false, with part of it written, when something in it has no JSON form.
    func writeJSON(into out: inout [UInt8], pretty: Bool, level: Int) -> Bool
}

extension JSONValue: JSONTree {
    @inlinable package func writeJSON(into out: inout [UInt8], pretty: Bool, level: Int) -> Bool {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONWriter.writeInteger(i, into: &out)
        case .bigInteger(let text): out.append(contentsOf: text.utf8)
        case .double(let d): out.append(contentsOf: JSONWriter.formatDouble(d).utf8)
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .array(let items): return JSONWriter.writeArray(items, into: &out, pretty: pretty, level: level)
        case .object(let members): return JSONWriter.writeObject(members, into: &out, pretty: pretty, level: level)
        }
        return true
    }
}
