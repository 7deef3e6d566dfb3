/// Turns source text into tokens for the parser, in one of two modes: expression tokens,
/// or shell words for command arguments (where `/nodes`, `--state` and `t/#` are single words).
struct Lexer {
    let scalars: [Unicode.Scalar]
    let sourceName: String
    var index = 0
    var line = 1
    var column = 1
    /// Line and column to add for an interpolated expression lexed on its own.
    let lineOffset: Int
    let columnOffset: Int

    init(_ text: String, sourceName: String, line: Int = 1, column: Int = 1) {
        self.scalars = Array(text.unicodeScalars)
        self.sourceName = sourceName
        self.lineOffset = line - 1
        self.columnOffset = column - 1
    }

    var isAtEnd: Bool { index >= scalars.count }
    func peek(_ offset: Int = 0) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    var location: (line: Int, column: Int) { (line + lineOffset, line == 1 ? column + columnOffset : column) }

    mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    func error(_ message: String, incomplete: Bool = false) -> ScriptError {
        let here = location
        return ScriptError(
            incomplete ? .incomplete : .syntax, message,
            at: SourceLocation(source: sourceName, line: here.line, column: here.column))
    }

    /// Skips spaces, tabs, comments and `\`-newline continuations; newlines too when asked.
    /// Returns whether anything was skipped.
    @discardableResult
    mutating func skipSpace(newlines: Bool) -> Bool {
        let start = index
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                advance()
            } else if c == "\\", peek(1) == "\n" {
                advance()
                advance()
            } else if c == "#" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "\n" && newlines {
                advance()
            } else {
                break
            }
        }
        return index > start
    }

    // MARK: Expression tokens

    mutating func next(skipNewlines: Bool) throws(ScriptError) -> Token {
        let spaced = skipSpace(newlines: skipNewlines)
        let here = location
        let mark = LexerMark(index: index, line: line, column: column)
        func token(_ kind: TokenKind) -> Token {
            Token(kind: kind, line: here.line, column: here.column, spaceBefore: spaced, start: mark)
        }
        guard let c = peek() else { return token(.end) }
        if c == "\n" || c == ";" {
            advance()
            return token(.newline)
        }
        if isIdentifierStart(c) { return token(.identifier(readIdentifier())) }
        if c == "$" {
            if peek(1) == "(" {
                advance()
                advance()
                return token(.commandStart)
            }
            if peek(1) == "{" {
                advance()
                advance()
                return token(.symbol("${"))
            }
            advance()
            guard let d = peek(), isIdentifierStart(d) else { throw error("expected a variable name after '$'") }
            return token(.variable(readIdentifier()))
        }
        if isDigit(c) { return token(try readNumber()) }
        if c == "\"" { return token(.string(try readDoubleQuoted())) }
        if c == "'" { return token(.rawString(try readSingleQuoted())) }
        for symbol in Self.symbols where matches(symbol) {
            for _ in symbol.unicodeScalars { advance() }
            return token(.symbol(symbol))
        }
        // Left for the parser to reject with what it expected there.
        advance()
        return token(.symbol(String(Character(c))))
    }

    /// Longest first, so `==` wins over `=` and `..<` over `..`.
    static let symbols = [
        "..<", "==", "!=", "<=", ">=", "=~", "!~", "..", "+=", "-=", "*=", "/=", "=>",
        "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "!",
    ]

    func matches(_ symbol: String) -> Bool {
        var offset = 0
        for s in symbol.unicodeScalars {
            guard peek(offset) == s else { return false }
            offset += 1
        }
        return true
    }

    mutating func readIdentifier() -> String {
        var name = String.UnicodeScalarView()
        while let c = peek(), isIdentifierPart(c) {
            name.append(c)
            advance()
        }
        return String(name)
    }

    mutating func readNumber() throws(ScriptError) -> TokenKind {
        let start = location
        func error(_ message: String) -> ScriptError {
            ScriptError(
                .syntax, message, at: SourceLocation(source: sourceName, line: start.line, column: start.column))
        }
        var text = ""
        var isFloat = false
        while let c = peek(), isDigit(c) || c == "_" {
            if c != "_" { text.unicodeScalars.append(c) }
            advance()
        }
        // `1..5` is a range, not the float `1.`
        if peek() == ".", let d = peek(1), isDigit(d) {
            isFloat = true
            text += "."
            advance()
            while let c = peek(), isDigit(c) {
                text.unicodeScalars.append(c)
                advance()
            }
        }
        if let e = peek(), e == "e" || e == "E", let d = peek(1),
            isDigit(d) || ((d == "+" || d == "-") && peek(2).map(isDigit) == true)
        {
            isFloat = true
            text += "e"
            advance()
            if let sign = peek(), sign == "+" || sign == "-" {
                text.unicodeScalars.append(sign)
                advance()
            }
            while let c = peek(), isDigit(c) {
                text.unicodeScalars.append(c)
                advance()
            }
        }
        if let c = peek(), isIdentifierStart(c) { throw error("unexpected '\(Character(c))' after the number \(text)") }
        if isFloat {
            guard let value = Double(text), value.isFinite else { throw error("the number \(text) is out of range") }
            return .float(value)
        }
        guard let value = Int64(text) else { throw error("the integer \(text) does not fit in 64 bits") }
        return .integer(value)
    }

    // MARK: Command words

    /// Moves back to where a token started.
    mutating func rewind(to mark: LexerMark) {
        index = mark.index
        line = mark.line
        column = mark.column
    }

    /// Whether a command's argument list ends here: end of line, `;`, `}` or `)` of an enclosing construct.
    func atCommandEnd(closing: Unicode.Scalar?) -> Bool {
        guard let c = peek() else { return true }
        return c == "\n" || c == ";" || c == "}" || (closing != nil && c == closing)
    }

    /// A bare word: everything up to whitespace or a character that ends a command.
    mutating func readBareWord() -> String {
        var word = String.UnicodeScalarView()
        while let c = peek(), !" \t\r\n;}".unicodeScalars.contains(c), !(c == ")" && word.isEmpty) {
            if c == ")" { break }
            word.append(c)
            advance()
        }
        return String(word)
    }
}

func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
    c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c.value > 0x7F && c.properties.isAlphabetic
}
func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isIdentifierStart(c) || isDigit(c) }
