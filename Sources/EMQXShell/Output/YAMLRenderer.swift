import EMQXJSON
import EMQXScript

/// YAML 1.2 block style; strings are quoted whenever a plain scalar could be read as something else.
enum YAMLRenderer {
    static func render(_ value: Value) -> String {
        var lines: [String] = []
        write(value, indent: 0, into: &lines, inline: nil)
        return lines.joined(separator: "\n")
    }

    private static func write(_ value: Value, indent: Int, into lines: inout [String], inline prefix: String?) {
        let pad = String(repeating: "  ", count: indent)
        switch value {
        case .list(let items):
            if items.isEmpty {
                lines.append(pad + (prefix ?? "") + "[]")
                return
            }
            if let prefix { lines.append(pad + prefix.trimmingCharacters(in: " ")) }
            for item in items {
                if isScalar(item) {
                    lines.append(pad + (prefix == nil ? "" : "  ") + "- " + scalar(item))
                } else {
                    var nested: [String] = []
                    write(item, indent: 0, into: &nested, inline: nil)
                    let itemPad = pad + (prefix == nil ? "" : "  ")
                    for (offset, line) in nested.enumerated() {
                        lines.append(itemPad + (offset == 0 ? "- " : "  ") + line)
                    }
                }
            }
        case .map(let map):
            if map.isEmpty {
                lines.append(pad + (prefix ?? "") + "{}")
                return
            }
            if let prefix { lines.append(pad + prefix.trimmingCharacters(in: " ")) }
            let inner = prefix == nil ? indent : indent + 1
            for (key, item) in map {
                let keyText = plainSafe(key) ? key : quoted(key)
                if isScalar(item) {
                    lines.append(String(repeating: "  ", count: inner) + keyText + ": " + scalar(item))
                } else {
                    write(item, indent: inner, into: &lines, inline: keyText + ": ")
                }
            }
        default:
            lines.append(pad + (prefix ?? "") + scalar(value))
        }
    }

    private static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .list(let l): return l.isEmpty
        case .map(let m): return m.isEmpty
        default: return true
        }
    }

    private static func scalar(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int, .double: return value.displayText
        case .string(let s): return plainSafe(s) ? s : quoted(s)
        case .list: return "[]"
        case .map: return "{}"
        default: return quoted(value.displayText)
        }
    }

    private static func plainSafe(_ text: String) -> Bool {
        guard let first = text.first, !text.hasSuffix(" "), !text.hasPrefix(" ") else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if ["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased()) { return false }
        if Double(text) != nil { return false }
        return !text.contains(": ") && !text.contains(" #") && !text.contains(where: { $0.isNewline || $0 == "\t" })
    }

    private static func quoted(_ text: String) -> String { JSONWriter.quote(text) }
}
