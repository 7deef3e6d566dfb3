/// Quoted strings: escapes and interpolations.
extension Lexer {
    /// A double-quoted string with escapes and `$name`, `${…}` and `$(…)` interpolations.
    mutating func readDoubleQuoted() throws(ScriptError) -> [StringPiece] {
        let start = location
        advance()
        var pieces: [StringPiece] = []
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw ScriptError(
                    .incomplete, "unterminated string; add a closing \"",
                    at: SourceLocation(source: sourceName, line: start.line, column: start.column))
            }
            if c == "\"" {
                advance()
                break
            }
            if c == "\\" {
                advance()
                guard let e = peek() else { continue }
                switch e {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "0": text.append("\u{0}")
                case "\\", "\"", "$": text.append(e)
                case "u":
                    advance()
                    guard peek() == "{" else { throw error("expected '{' after \\u, as in \\u{1F600}") }
                    advance()
                    var hex = ""
                    while let h = peek(), h != "}" {
                        hex.unicodeScalars.append(h)
                        advance()
                    }
                    guard peek() == "}", let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        throw error("invalid \\u{…} escape")
                    }
                    text.append(scalar)
                case "\n": break
                default: throw error("unknown escape '\\\(Character(e))'")
                }
                advance()
                continue
            }
            if c == "$", let first = peek(1), isIdentifierStart(first) {
                // `"… $name.field …"`, as a shell user expects; `\$` keeps a dollar sign,
                // `${…}` takes any expression.
                if !text.isEmpty {
                    pieces.append(.text(String(text)))
                    text = String.UnicodeScalarView()
                }
                pieces.append(readVariableReference())
                continue
            }
            if c == "$", peek(1) == "(" {
                // `"… $(command) …"`: the command's value is interpolated, as a shell does.
                if !text.isEmpty {
                    pieces.append(.text(String(text)))
                    text = String.UnicodeScalarView()
                }
                let at = location
                var depth = 0
                var source = String.UnicodeScalarView()
                var inString: Unicode.Scalar?
                while true {
                    guard let d = peek() else {
                        throw ScriptError(
                            .incomplete, "unterminated $( in a string; add a closing )",
                            at: SourceLocation(source: sourceName, line: at.line, column: at.column))
                    }
                    source.append(d)
                    advance()
                    if let quote = inString {
                        if d == quote { inString = nil }
                    } else if d == "'" {
                        inString = d
                    } else if d == "(" {
                        depth += 1
                    } else if d == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                }
                pieces.append(.interpolation(String(source), line: at.line, column: at.column))
                continue
            }
            if c == "$", peek(1) == "{" {
                if !text.isEmpty {
                    pieces.append(.text(String(text)))
                    text = String.UnicodeScalarView()
                }
                advance()
                advance()
                let at = location
                var depth = 1
                var source = String.UnicodeScalarView()
                var inString: Unicode.Scalar?
                while true {
                    guard let d = peek() else {
                        throw ScriptError(
                            .incomplete, "unterminated ${ in a string; add a closing }",
                            at: SourceLocation(source: sourceName, line: at.line, column: at.column - 2))
                    }
                    if let quote = inString {
                        if d == "\\", peek(1) != nil {
                            source.append(d)
                            advance()
                        } else if d == quote {
                            inString = nil
                        }
                    } else if d == "\"" || d == "'" {
                        inString = d
                    } else if d == "{" {
                        depth += 1
                    } else if d == "}" {
                        depth -= 1
                        if depth == 0 {
                            advance()
                            break
                        }
                    }
                    source.append(peek()!)
                    advance()
                }
                pieces.append(.interpolation(String(source), line: at.line, column: at.column))
                continue
            }
            text.append(c)
            advance()
        }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(String(text))) }
        return pieces
    }
    /// `$name` with any `.field` after it, inside a double-quoted string: a dot not followed by a name stays text
    /// (`"done: $n."`).
    mutating func readVariableReference() -> StringPiece {
        let at = location
        advance()
        var source = "$" + readIdentifier()
        while peek() == ".", let next = peek(1), isIdentifierStart(next) {
            advance()
            source += "." + readIdentifier()
        }
        return .interpolation(String(source), line: at.line, column: at.column)
    }
    mutating func readSingleQuoted() throws(ScriptError) -> String {
        let start = location
        advance()
        var text = String.UnicodeScalarView()
        while true {
            guard let c = peek() else {
                throw ScriptError(
                    .incomplete, "unterminated string; add a closing '",
                    at: SourceLocation(source: sourceName, line: start.line, column: start.column))
            }
            advance()
            if c == "'" { return String(text) }
            if c == "\\", let e = peek(), e == "'" || e == "\\" {
                text.append(e)
                advance()
                continue
            }
            text.append(c)
        }
    }
}
