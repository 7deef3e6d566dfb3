extension Parser {
    mutating func endOfStatement() throws(ScriptError) {
        let token = try peek()
        switch token.kind {
        case .newline: take_()
        case .end, .symbol("}"): break
        default: throw unexpected(token, expected: "the end of the statement (a new line or ';')")
        }
    }

    mutating func take_() { lookahead = nil }

    mutating func statement() throws(ScriptError) -> Stmt {
        let token = try peek(skipNewlines: true)
        if case .identifier(let word) = token.kind {
            switch word {
            case "let": return try letStatement()
            case "if": return try ifStatement()
            case "for": return try forStatement()
            case "while": return try whileStatement()
            case "break", "continue":
                take_()
                guard loopDepth > 0 else { throw syntaxError("'\(word)' outside a loop", at: token) }
                return word == "break" ? .breakLoop(position(token)) : .continueLoop(position(token))
            case "def": return try defStatement()
            case "return":
                take_()
                guard functionDepth > 0 else { throw syntaxError("'return' outside a function", at: token) }
                if try atStatementEnd() { return .returnValue(nil, position(token)) }
                return .returnValue(try rightHandSide(), position(token))
            case "try": return try tryStatement()
            case "source":
                take_()
                return .source(try singleWordArgument("a file to source"), position(token))
            case "exit":
                take_()
                if try atStatementEnd() { return .exit(nil, position(token)) }
                return .exit(try expression(), position(token))
            case "throw":
                take_()
                return .throwError(try expression(), position(token))
            case "elif", "else", "catch", "finally":
                throw syntaxError(
                    "'\(word)' without a matching \(word == "catch" || word == "finally" ? "'try'" : "'if'"); "
                        + "write '} \(word)' on the line where the block closes",
                    at: token)
            case "in":
                throw syntaxError("unexpected keyword 'in'", at: token)
            case "true", "false", "null", "not":
                return .expression(try expression(), show: true)
            default:
                return try wordStatement(word, token)
            }
        }
        if case .variable = token.kind { return try expressionOrAssignment() }
        return .expression(try expression(), show: true)
    }

    func atStatementEnd() throws(ScriptError) -> Bool {
        var copy = self
        let token = try copy.peek()
        switch token.kind {
        case .newline, .end, .symbol("}"): return true
        default: return false
        }
    }

    /// A statement that starts with a bare name: an assignment, a call, a variable's value, or a command.
    mutating func wordStatement(_ name: String, _ token: Token) throws(ScriptError) -> Stmt {
        var probe = self
        probe.take_()
        let next = try probe.peek()
        if case .symbol(let symbol) = next.kind, ["=", "+=", "-=", "*=", "/="].contains(symbol) {
            self = probe
            guard let variable = resolve(name) else {
                throw syntaxError("undefined variable '\(name)'; declare it with 'let \(name) = …'", at: token)
            }
            return try assignment(LValue(variable: variable, name: name, path: [], position: position(token)))
        }
        // `name(…)` is a call; a name that is a variable in scope reads as that variable,
        // unless `def` bound it and words follow: `drain sensor-` calls it shell-style.
        let isCall = next.kind == .symbol("(") && !next.spaceBefore
        if isCall || (isKnownVariable(name) && !isKnownFunction(name)) {
            return try expressionOrAssignment()
        }
        self = probe
        return .expression(.command(try commandCall(name, token, closing: nil, stopAtBrace: false)), show: true)
    }

    /// `$x …`: an expression, or an assignment when `=` follows a variable, field or index.
    mutating func expressionOrAssignment() throws(ScriptError) -> Stmt {
        let start = try peek()
        let target = try expression()
        guard case .symbol(let symbol) = try peek().kind, ["=", "+=", "-=", "*=", "/="].contains(symbol) else {
            return .expression(target, show: true)
        }
        var path: [LValue.PathStep] = []
        var current = target
        if case .synchronous(let inner, _) = target { current = inner }
        while true {
            switch current {
            case .field(let base, let name, _):
                path.insert(.field(name), at: 0)
                current = base
                continue
            case .index(let base, let key, _):
                path.insert(.index(key), at: 0)
                current = base
                continue
            case .variable(let ref, let name, let p):
                return try assignment(LValue(variable: ref, name: name, path: path, position: p))
            default:
                throw syntaxError(
                    "cannot assign to this expression; assign to a variable, a field or an element", at: start)
            }
        }
    }

    mutating func assignment(_ target: LValue) throws(ScriptError) -> Stmt {
        let op = try take()
        guard case .symbol(let symbol) = op.kind else { throw unexpected(op, expected: "'='") }
        let value = try rightHandSide()
        switch symbol {
        case "=": return .assign(target, value, position(op))
        case "+=": return .compoundAssign(target, .add, value, position(op))
        case "-=": return .compoundAssign(target, .subtract, value, position(op))
        case "*=": return .compoundAssign(target, .multiply, value, position(op))
        default: return .compoundAssign(target, .divide, value, position(op))
        }
    }

    mutating func letStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        let (name, _) = try expectIdentifier("a variable name after 'let'")
        try expectSymbol("=", "after 'let \(name)'")
        // The value is parsed before the name is declared, so `let x = $x + 1` reads an outer x.
        let value = try rightHandSide()
        return .define(slot: resolver.declare(name), value, position(keyword))
    }

    /// The value of `let`, `=`, `return`: an expression, or a command when it starts with a name that is no variable.
    mutating func rightHandSide(stopAtBrace: Bool = false) throws(ScriptError) -> Expr {
        let token = try peek(skipNewlines: false)
        if case .identifier(let name) = token.kind, !reservedWords.contains(name),
            !isKnownVariable(name) || isKnownFunction(name)
        {
            take_()
            let next = try peek()
            if next.kind == .symbol("(") && !next.spaceBefore {
                return try continueExpression(try callArguments(name: name, token))
            }
            lookahead = next
            return .command(try commandCall(name, token, closing: nil, stopAtBrace: stopAtBrace))
        }
        return try expression()
    }

    mutating func block(_ context: String) throws(ScriptError) -> [Stmt] {
        let open = try peek()
        guard open.kind == .symbol("{") else { throw unexpected(open, expected: "'{' to open the block \(context)") }
        take_()
        try enterNesting(open)
        defer { depth -= 1 }
        resolver.enterBlock()
        defer { resolver.leaveBlock() }
        var statements: [Stmt] = []
        while true {
            let token = try peek(skipNewlines: true)
            if token.kind == .symbol("}") {
                take_()
                return statements
            }
            if token.kind == .end {
                throw ScriptError(
                    .incomplete, "the block \(context) is not closed; add '}'", at: location(open.line, open.column),
                    sourceLine: source.line(open.line))
            }
            statements.append(try statement())
            try endOfStatement()
        }
    }

}
