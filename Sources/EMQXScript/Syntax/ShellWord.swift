/// Writes any text as one command word that the lexer reads back as exactly that text, and reads a partly
/// typed word back to its text: what Tab completion inserts is a name, never code.
public enum ShellWord {
    /// `sensor-1` stays as it is; anything else (`x; users delete admin`, `$HOME`, `a"b`, a newline, ESC)
    /// becomes a double-quoted string with escapes.
    public static func quote(_ text: String) -> String {
        if isSafeBare(text) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                    || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value)
                {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether `text` reads back as itself when written bare: ASCII letters, digits and `-_./:@+%,=`,
    /// not starting with `-` (a flag), `$` or a digit-led number form the lexer would take as a value.
    static func isSafeBare(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-" else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || "_./:@+%,=".unicodeScalars.contains(scalar) || (scalar == "-")
        }
    }

    /// The text of a word as typed so far: quotes removed and escapes read, an unclosed quote allowed.
    public static func unquote(_ typed: String) -> String {
        var out = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var scalars = typed.unicodeScalars.makeIterator()
        while let c = scalars.next() {
            if quote == "\"" && c == "\\" {
                guard let e = scalars.next() else { break }
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "u":
                    var hex = ""
                    _ = scalars.next()  // {
                    while let h = scalars.next(), h != "}" { hex.unicodeScalars.append(h) }
                    if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { out.append(scalar) }
                default: out.append(e)
                }
            } else if let open = quote {
                if c == open { quote = nil } else { out.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else {
                out.append(c)
            }
        }
        return String(out)
    }
}
