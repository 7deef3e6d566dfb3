import EMQXScript
import Yams

/// YAML 1.2 block style through Yams (libyaml's emitter): a string that a reader would take for a number, a
/// boolean or null is quoted, and so is anything a plain scalar cannot hold.
enum YAMLRenderer {
    static func render(_ value: Value) -> String {
        let text = (try? Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true)) ?? ""
        // libyaml writes a document end marker after a lone plain scalar; the shell shows one value, not a stream.
        let body = text.hasSuffix("\n...\n") ? String(text.dropLast(5)) : text
        return body.hasSuffix("\n") ? String(body.dropLast()) : body
    }

    static func node(_ value: Value) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .int: return Node(value.displayText, Tag(.int))
        case .double: return Node(value.displayText, Tag(.float))
        case .string(let text): return Node(text, Tag(.str), looksLikeAnotherType(text) ? .doubleQuoted : .any)
        case .list(let items): return Node(items.map(node))
        case .map(let map): return Node(map.map { (Node($0.key, Tag(.str)), node($0.value)) })
        default: return Node(value.displayText, Tag(.str))
        }
    }

    /// YAML 1.1 readers (PyYAML and most tools) still take `yes`, `off` and `~` for booleans and null: quote them too.
    private static func looksLikeAnotherType(_ text: String) -> Bool {
        ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ""].contains(text.lowercased())
            || Double(text) != nil || Int(text, radix: 10) != nil
    }
}
