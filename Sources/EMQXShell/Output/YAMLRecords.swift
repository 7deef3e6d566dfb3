import EMQXJSON
import EMQXScript

/// A list of flat records written straight to YAML, as Yams writes it, for the shapes a list command returns.
///
/// libyaml's emitter, reached through Yams' node tree, writes about 17,000 clients a second; a million clients as
/// YAML took a minute. Records whose keys and values are all unremarkable (ASCII words, numbers, booleans, null) are
/// written here; anything else goes to Yams whole. A test holds the two to the same text.
enum YAMLRecords {
    /// The text Yams would write for `items`, or nil when one of them is not a flat record of plain scalars.
    static func render(_ items: [Value]) -> String? {
        guard !items.isEmpty else { return nil }
        // Gathered as bytes: appending many short pieces to a String costs several times more.
        var out: [UInt8] = []
        var keys = KeyLines()
        for item in items {
            guard append(item, keys: &keys, to: &out) else { return nil }
        }
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one record's lines as Yams writes it in a list, each ending in a newline; false, with nothing
    /// appended, when it is not a flat record of plain scalars.
    static func append(_ item: Value, keys: inout KeyLines, to out: inout [UInt8]) -> Bool {
        guard case .map(let record) = item, !record.isEmpty, keys.take(record.keys) else { return false }
        let start = out.count
        let values = record.values
        for position in values.indices {
            keys.appendLine(position, to: &out)
            guard appendScalar(values[position], to: &out) else {
                out.removeSubrange(start...)
                return false
            }
            out.append(UInt8(ascii: "\n"))
        }
        return true
    }

    /// What goes before each value of records with the same keys: `- key: ` for the first, `  key: ` for the
    /// rest. Records decoded from one page share their keys' storage, so the lines are made once for all of them.
    struct KeyLines {
        /// The keys the lines are for, held so that their storage cannot be freed and reused by other keys.
        private var keys: ContiguousArray<String>?
        private var bytes: [UInt8] = []
        private var ends: [Int] = []

        /// Makes the lines for `keys` unless they are those already made; false when a key is not plain.
        mutating func take(_ keys: ContiguousArray<String>) -> Bool {
            if let held = self.keys, Self.sameStorage(held, keys) { return true }
            var (bytes, ends) = ([UInt8](), [Int]())
            for (position, key) in keys.enumerated() {
                guard isPlain(key) else { return false }
                bytes.append(contentsOf: (position == 0 ? "- " : "  ").utf8)
                bytes.append(contentsOf: key.utf8)
                bytes.append(contentsOf: ": ".utf8)
                ends.append(bytes.count)
            }
            (self.keys, self.bytes, self.ends) = (keys, bytes, ends)
            return true
        }

        func appendLine(_ position: Int, to out: inout [UInt8]) {
            let start = position == 0 ? 0 : ends[position - 1]
            bytes.withUnsafeBufferPointer {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[position]]))
            }
        }

        private static func sameStorage(_ a: ContiguousArray<String>, _ b: ContiguousArray<String>) -> Bool {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress && a.count == b.count }
            }
        }
    }

    /// Appends the scalar as Yams writes it; false for a value it would write otherwise.
    private static func appendScalar(_ value: Value, to out: inout [UInt8]) -> Bool {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): JSONWriter.writeInteger(number, into: &out)
        case .string(let text):
            var text = text
            return text.withUTF8 { bytes in
                if isPlain(bytes) {
                    out.append(contentsOf: bytes)
                    return true
                }
                // What a reader would take for a number, a boolean or null, Yams double-quotes.
                guard !bytes.isEmpty, isWord(bytes), YAMLRenderer.looksLikeAnotherType(bytes) else { return false }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "\""))
                return true
            }
        default: return false
        }
        return true
    }

    private static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    /// A plain scalar for certain: it starts with a letter or digit, holds only letters, digits and `-._@/+:`,
    /// does not end with `:`, and reads as a string.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, isAlphanumeric(first), bytes.last != UInt8(ascii: ":"), isWord(bytes) else {
            return false
        }
        // A word that starts with a letter and is longer than `infinity` is no number, boolean or null.
        if first > UInt8(ascii: "9"), bytes.count > 8 { return true }
        return !YAMLRenderer.looksLikeAnotherType(bytes)
    }

    /// Whether every byte is a letter, a digit or one of `-._@/+:`: ranges tested by one subtraction each, the
    /// commonest (lowercase letters) first.
    private static func isWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { byte in
            // a…z, then `-./0…9:`, then `@A…Z`, then `_` and `+`.
            byte &- 97 < 26 || byte &- 45 < 14 || byte &- 64 < 27 || byte == 95 || byte == 43
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return false
        }
    }
}
