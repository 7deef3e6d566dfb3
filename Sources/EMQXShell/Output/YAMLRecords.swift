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
            var first = true
            for (key, value) in record {
                guard isPlain(key), let scalar = scalar(value) else { return nil }
                out.append(contentsOf: (first ? "- " : "  ").utf8)
                out.append(contentsOf: key.utf8)
                out.append(contentsOf: ": ".utf8)
                out.append(contentsOf: scalar.utf8)
                out.append(UInt8(ascii: "\n"))
                first = false
            }
        }
        out.removeLast()
        return String(decoding: out, as: UTF8.self)
    }

    private static func scalar(_ value: Value) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .string(let text):
            if isPlain(text) { return text }
            // What a reader would take for a number, a boolean or null, Yams double-quotes.
            guard YAMLRenderer.looksLikeAnotherType(text), !text.isEmpty, isWord(text) else { return nil }
            return "\"" + text + "\""
        default: return nil
        }
    }

    /// A plain scalar for certain: it starts with a letter or digit, holds only letters, digits and `-._@/+:`,
    /// does not end with `:`, and reads as a string.
    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.utf8.first, isAlphanumeric(first), text.utf8.last != UInt8(ascii: ":"), isWord(text)
        else { return false }
        // A word that starts with a letter and is longer than `infinity` is no number, boolean or null.
        if first > UInt8(ascii: "9"), text.utf8.count > 8 { return true }
        return !YAMLRenderer.looksLikeAnotherType(text)
    }

    private static func isWord(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { isAlphanumeric($0) || wordPunctuation.contains($0) } }
    }

    private static let wordPunctuation = Set("-._@/+:".utf8)

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
