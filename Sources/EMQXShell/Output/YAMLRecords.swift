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
        for item in items {
            guard case .map(let record) = item, !record.isEmpty else { return nil }
            // By position: the dictionary's (key, value) elements cost a copy of each.
            let (keys, values) = (record.keys, record.values)
            for position in keys.indices {
                let key = keys[position]
                guard isPlain(key) else { return nil }
                append(position == 0 ? "- " : "  ", to: &out)
                append(key, to: &out)
                append(": ", to: &out)
                guard appendScalar(values[position], to: &out) else { return nil }
                out.append(UInt8(ascii: "\n"))
            }
        }
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the scalar as Yams writes it; false for a value it would write otherwise.
    private static func appendScalar(_ value: Value, to out: inout [UInt8]) -> Bool {
        switch value {
        case .null: append("null", to: &out)
        case .bool(let flag): append(flag ? "true" : "false", to: &out)
        case .int(let number): JSONWriter.writeInteger(number, into: &out)
        case .string(let text) where isPlain(text): append(text, to: &out)
        case .string(let text):
            // What a reader would take for a number, a boolean or null, Yams double-quotes.
            guard YAMLRenderer.looksLikeAnotherType(text), !text.isEmpty, isWord(text) else { return false }
            out.append(UInt8(ascii: "\""))
            append(text, to: &out)
            out.append(UInt8(ascii: "\""))
        default: return false
        }
        return true
    }

    /// A string's bytes, copied whole (appending a `UTF8View` goes byte by byte).
    private static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A plain scalar for certain: it starts with a letter or digit, holds only letters, digits and `-._@/+:`,
    /// does not end with `:`, and reads as a string.
    private static func isPlain(_ text: String) -> Bool {
        var text = text
        // One pass over the bytes: the UTF-8 view's `first` and `last` cost more than the test of every byte.
        let word = text.withUTF8 { bytes -> (first: UInt8, count: Int)? in
            guard let first = bytes.first, isAlphanumeric(first), bytes.last != UInt8(ascii: ":"), isWord(bytes)
            else { return nil }
            return (first, bytes.count)
        }
        guard let word else { return false }
        // A word that starts with a letter and is longer than `infinity` is no number, boolean or null.
        if word.first > UInt8(ascii: "9"), word.count > 8 { return true }
        return !YAMLRenderer.looksLikeAnotherType(text)
    }

    private static func isWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isWord)
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
