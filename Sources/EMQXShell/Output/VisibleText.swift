/// Makes control characters in server text visible, so a client id cannot drive the terminal.
///
/// C0 controls and DEL become `\x1b`-style escapes, C1 controls and the Unicode bidi
/// controls (which reorder what follows them) become `\u202e`-style escapes. Newlines and
/// tabs are kept where the text is multi-line (`keepingLines`); a table cell shows them too.
/// JSON output does not go through here: it is already exact and escaped.
public enum VisibleText {
    /// `text` with every control character written as an escape.
    public static func escape(_ text: String, keepingLines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLines: keepingLines) }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLines: keepingLines) else {
                result.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            let escaped =
                scalar.value < 0x80
                ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            result.append(contentsOf: escaped.unicodeScalars)
        }
        return String(result)
    }

    static func needsEscape(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLines
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidi embeddings, overrides and isolates, and the marks: they reorder or hide what follows.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }
}
