import EMQXScript
import Yams

/// YAML 1.2 block style through Yams (libyaml's emitter): a string that a reader would take for a number, a
/// boolean or null is quoted, and so is anything a plain scalar cannot hold.
struct YAMLRenderer {
    // Made once per renderer: Yams builds a whole constructor table for every `Tag` it makes.
    private let null = Tag(.null)
    private let bool = Tag(.bool)
    private let int = Tag(.int)
    private let float = Tag(.float)
    private let str = Tag(.str)

    /// The YAML text of one value.
    static func render(_ value: Value) -> String { YAMLRenderer().render(value) }

    /// The YAML text of `value`, without a final newline.
    func render(_ value: Value) -> String {
        if case .list(let items) = value, let text = YAMLRecords.render(items) { return text }
        return yams(value)
    }

    /// The YAML text of `value` as Yams writes it.
    func yams(_ value: Value) -> String {
        let text = (try? Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)) ?? ""
        // libyaml writes a document end marker after a lone plain scalar; the shell shows one value, not a stream.
        let body = text.hasSuffix("\n...\n") ? String(text.dropLast(5)) : text
        return body.hasSuffix("\n") ? String(body.dropLast()) : body
    }

    func node(_ value: Value) -> Node {
        switch value {
        case .null: return Node("null", null)
        case .bool(let flag): return Node(flag ? "true" : "false", bool)
        case .int: return Node(value.displayText, int)
        case .double: return Node(value.displayText, float)
        case .string(let text): return Node(text, str, Self.looksLikeAnotherType(text) ? .doubleQuoted : .any)
        case .list(let items): return Node(items.map(node))
        case .map(let map): return Node(map.map { (Node($0.key, str), node($0.value)) })
        default: return Node(value.displayText, str)
        }
    }

    /// YAML 1.1 readers (PyYAML and most tools) still take `yes`, `off` and `~` for booleans and null: quote them too.
    static func looksLikeAnotherType(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(looksLikeAnotherType)
    }

    /// Whether the UTF-8 text reads as a number, a boolean or null.
    static func looksLikeAnotherType(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // The words are ASCII, and no other character lowercases to ASCII letters of theirs. Packed with their length
        // into a number, they are found without an allocation or a hash.
        if utf8.count <= 5 {
            var packed: UInt64 = 0
            for byte in utf8 { packed = packed << 8 | UInt64(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
            if ambiguousWords.contains(packed << 8 | UInt64(utf8.count)) { return true }
        }
        // A number, `inf`, `nan` or `snan` starts (after a sign) with a digit, a dot, i, n or s: the rest need no
        // parsing.
        guard var first = utf8.first else { return false }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            guard utf8.count > 1 else { return false }
            first = utf8[1]
        }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "i"), UInt8(ascii: "I"),
            UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "s"), UInt8(ascii: "S"):
            // No number holds `:`, `/`, `@` or `_`, or two dots outside a NaN's parentheses: times, addresses and
            // versions are told without parsing them.
            var dots = 0
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "_"):
                    return false
                case UInt8(ascii: "."): dots += 1
                case UInt8(ascii: "("): dots = .min
                default: break
                }
            }
            guard dots < 2 else { return false }
            let text = String(decoding: utf8, as: UTF8.self)
            return Double(text) != nil || Int(text, radix: 10) != nil
        default: return false
        }
    }

    /// Each word's bytes, then its length in the lowest byte.
    private static let ambiguousWords: [UInt64] = [
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", "",
    ]
    .map { word in word.utf8.reduce(0) { $0 << 8 | UInt64($1) } << 8 | UInt64(word.utf8.count) }
}
