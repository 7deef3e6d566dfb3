extension Parser {
    /// Hands any token already read back to the lexer, so word-mode lexing starts where it began.
    mutating func rewindLookahead() {
        if let token = lookahead {
            lexer.rewind(to: token.start)
            lookahead = nil
        }
    }

    /// A command's arguments, up to the end of the statement (or `)` inside `$(…)`, or `{` in a `for` header).
    ///
    /// Bare words are strings, exactly as written (`/nodes`, `t/#`, `sensor-1`, `20`);
    /// `--name` and `-n` are flags; quotes, `$var…`, `${…}`, `$(…)`, `(…)`, `[…]` and `{…}` are values.
    mutating func commandCall(
        _ name: String, _ token: Token, closing: Unicode.Scalar?, stopAtBrace: Bool
    ) throws(ScriptError) -> CommandCall {
        try enterNesting(token)
        defer { depth -= 1 }
        rewindLookahead()
        var arguments: [CommandArgumentExpr] = []
        while true {
            lexer.skipSpace(newlines: false)
            if lexer.atCommandEnd(closing: closing) { break }
            guard let c = lexer.peek() else { break }
            if stopAtBrace && c == "{" { break }
            let here = lexer.location
            let p = Position(here.line, here.column)
            switch c {
            case "\"", "'", "$", "(", "[", "{":
                arguments.append(.value(try argumentValue()))
            case "-" where isFlagStart():
                let word = lexer.readBareWord()
                if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
                    arguments.append(.flag(String(word[..<equals]), p))
                    arguments.append(.value(.literal(.string(String(word[word.index(after: equals)...])), p)))
                } else {
                    arguments.append(.flag(word, p))
                }
            case _ where isIdentifierStart(c) && identifierFollowedByParenthesis():
                // `print len($x)`: a call reads as a call, not as the word "len($x)".
                arguments.append(.value(try argumentValue(allowCall: true)))
            default:
                let word = lexer.readBareWord()
                guard !word.isEmpty else {
                    throw ScriptError(
                        .syntax, "unexpected '\(Character(c))' in the arguments of '\(name)'",
                        at: location(here.line, here.column), sourceLine: source.line(here.line))
                }
                arguments.append(.value(.literal(.string(word), p)))
            }
        }
        return CommandCall(
            name: name, function: resolve(name) ?? .global(name), arguments: arguments, position: position(token))
    }

    /// `-x` or `--name`, but not a negative number like `-1`.
    func isFlagStart() -> Bool {
        guard let next = lexer.peek(1) else { return false }
        if next == "-" { return lexer.peek(2).map(isIdentifierStart) ?? false }
        return isIdentifierStart(next)
    }

    /// Whether the word here is a name directly followed by `(`.
    func identifierFollowedByParenthesis() -> Bool {
        var offset = 0
        while let c = lexer.peek(offset), isIdentifierPart(c) { offset += 1 }
        return lexer.peek(offset) == "("
    }

    /// One value argument read with expression tokens; what follows is handed back to word mode.
    mutating func argumentValue(allowCall: Bool = false) throws(ScriptError) -> Expr {
        let first = try peek()
        let value: Expr
        switch first.kind {
        case .variable, .symbol("${"), .commandStart, .string, .rawString, .symbol("["), .symbol("{"), .symbol("("):
            value = try postfix(try primary())
        case .identifier where allowCall:
            value = try postfix(try primary())
        default:
            throw unexpected(first, expected: "a value")
        }
        // A word glued to the value (`$id/suffix`) is not supported; say so instead of splitting silently.
        let next = try peek()
        rewindLookahead()
        if !next.spaceBefore, next.kind != .newline, next.kind != .end, next.kind != .symbol("}"),
            next.kind != .symbol(")")
        {
            throw syntaxError(
                "put a space after this argument, or build the word in a string: \"${…}suffix\"", at: next)
        }
        return value
    }

    /// The single argument of `source`: a bare path or any value.
    mutating func singleWordArgument(_ what: String) throws(ScriptError) -> Expr {
        rewindLookahead()
        lexer.skipSpace(newlines: false)
        let here = lexer.location
        guard !lexer.atCommandEnd(closing: nil) else {
            throw ScriptError(
                .syntax, "expected \(what)", at: location(here.line, here.column), sourceLine: source.line(here.line))
        }
        if let c = lexer.peek(), "\"'$([{".unicodeScalars.contains(c) { return try argumentValue() }
        return .literal(.string(lexer.readBareWord()), Position(here.line, here.column))
    }
}
