extension Parser {
    mutating func expression() throws(ScriptError) -> Expr {
        let start = try peek(skipNewlines: false)
        try enterNesting(start)
        defer { depth -= 1 }
        return try orExpression()
    }

    /// Continues an expression whose first operand is already parsed (`len($x) + 1` at a statement's start).
    mutating func continueExpression(_ first: Expr) throws(ScriptError) -> Expr {
        var left = try postfix(first)
        left = try binaryTail(left, level: 0)
        return left
    }

    mutating func binaryTail(_ first: Expr, level: Int) throws(ScriptError) -> Expr {
        // Levels: 0 or, 1 and, 2 comparison, 3 range, 4 additive, 5 multiplicative.
        var left = first
        for current in stride(from: 5, through: level, by: -1) {
            left = try continueLevel(left, current)
        }
        return left
    }

    private mutating func continueLevel(_ first: Expr, _ level: Int) throws(ScriptError) -> Expr {
        var left = first
        while true {
            let token = try peek()
            guard let op = operatorAt(level, token), !(op == "-" && startsParallelClause()) else { return left }
            take_()
            let right = try operand(level)
            left = combine(op, left, right, position(token))
            if level == 2 || level == 3 {
                let after = try peek()
                if operatorAt(level, after) != nil {
                    throw syntaxError(
                        level == 2 ? "comparisons do not chain; write (a < b) and (b < c)" : "ranges do not chain",
                        at: after)
                }
                return left
            }
        }
    }

    /// `--parallel` right after a loop's sequence (`for x in $ids --parallel 8 {`) is the loop's, not `- -parallel`.
    mutating func startsParallelClause() -> Bool {
        guard parallelClauseAllowed else { return false }
        var probe = self
        guard (try? probe.take().kind) == .symbol("-"), let second = try? probe.take(), second.kind == .symbol("-"),
            !second.spaceBefore, let word = try? probe.take(), word.kind == .identifier("parallel"), !word.spaceBefore
        else { return false }
        return true
    }

    private func operatorAt(_ level: Int, _ token: Token) -> String? {
        switch (level, token.kind) {
        case (0, .identifier("or")): return "or"
        case (1, .identifier("and")): return "and"
        case (2, .identifier("in")): return "in"
        case (2, .symbol(let s)) where ["==", "!=", "<", "<=", ">", ">=", "=~", "!~"].contains(s): return s
        case (3, .symbol(let s)) where s == ".." || s == "..<": return s
        case (4, .symbol(let s)) where s == "+" || s == "-": return s
        case (5, .symbol(let s)) where s == "*" || s == "/" || s == "%": return s
        default: return nil
        }
    }

    private mutating func operand(_ level: Int) throws(ScriptError) -> Expr {
        _ = try peek(skipNewlines: true)
        switch level {
        case 0: return try andExpression()
        case 1: return try notExpression()
        case 2: return try rangeExpression()
        case 3: return try additive()
        case 4: return try multiplicative()
        default: return try unary()
        }
    }

    private func combine(_ op: String, _ left: Expr, _ right: Expr, _ p: Position) -> Expr {
        switch op {
        case "or": return .or(left, right, p)
        case "and": return .and(left, right, p)
        case "..": return .range(left, right, inclusive: true, p)
        case "..<": return .range(left, right, inclusive: false, p)
        default: return .binary(BinaryOperator(rawValue: op)!, left, right, p)
        }
    }

    mutating func orExpression() throws(ScriptError) -> Expr { try continueLevel(try andExpression(), 0) }
    mutating func andExpression() throws(ScriptError) -> Expr { try continueLevel(try notExpression(), 1) }

    mutating func notExpression() throws(ScriptError) -> Expr {
        let token = try peek()
        if token.kind == .identifier("not") || token.kind == .symbol("!") {
            take_()
            try enterNesting(token)
            defer { depth -= 1 }
            _ = try peek(skipNewlines: true)
            return .unary(.not, try notExpression(), position(token))
        }
        return try continueLevel(try rangeExpression(), 2)
    }

    mutating func rangeExpression() throws(ScriptError) -> Expr { try continueLevel(try additive(), 3) }
    mutating func additive() throws(ScriptError) -> Expr { try continueLevel(try multiplicative(), 4) }
    mutating func multiplicative() throws(ScriptError) -> Expr { try continueLevel(try unary(), 5) }

    mutating func unary() throws(ScriptError) -> Expr {
        let token = try peek()
        if token.kind == .symbol("-") {
            take_()
            try enterNesting(token)
            defer { depth -= 1 }
            let operand = try unary()
            if case .literal(.int(let value), _) = operand { return .literal(.int(0 &- value), position(token)) }
            if case .literal(.double(let value), _) = operand { return .literal(.double(-value), position(token)) }
            return .unary(.negate, operand, position(token))
        }
        return try postfix(try primary())
    }

    /// `.field`, `[index]` and `(arguments)` written right after a value, with no space between.
    mutating func postfix(_ base: Expr) throws(ScriptError) -> Expr {
        var value = base
        while true {
            let token = try peek()
            guard !token.spaceBefore else { return value }
            switch token.kind {
            case .symbol("."):
                take_()
                let name = try take()
                switch name.kind {
                case .identifier(let field): value = .field(value, field, position(name))
                case .integer(let number): value = .index(value, .literal(.int(number), position(name)), position(name))
                default: throw unexpected(name, expected: "a field name after '.'")
                }
            case .symbol("["):
                take_()
                _ = try peek(skipNewlines: true)
                let key = try expression()
                try expectSymbol("]", "to close the index", skipNewlines: true)
                value = .index(value, key, position(token))
            case .symbol("("):
                value = .callValue(value, try argumentList(), position(token))
            default:
                return value
            }
        }
    }

    mutating func argumentList() throws(ScriptError) -> [Expr] {
        try expectSymbol("(", "")
        var arguments: [Expr] = []
        if try isSymbol(")", skipNewlines: true) {
            take_()
            return arguments
        }
        while true {
            _ = try peek(skipNewlines: true)
            arguments.append(try expression())
            if try isSymbol(",", skipNewlines: true) {
                take_()
                if try isSymbol(")", skipNewlines: true) { break }
                continue
            }
            break
        }
        try expectSymbol(")", "to close the argument list", skipNewlines: true)
        return arguments
    }

    mutating func callArguments(name: String, _ token: Token) throws(ScriptError) -> Expr {
        .call(name: name, resolve(name), try argumentList(), position(token))
    }

    mutating func primary() throws(ScriptError) -> Expr {
        let token = try take()
        let p = position(token)
        switch token.kind {
        case .integer(let value): return .literal(.int(value), p)
        case .float(let value): return .literal(.double(value), p)
        case .rawString(let text): return .literal(.string(text), p)
        case .string(let pieces): return try interpolated(pieces, p)
        case .variable(let name): return .variable(resolve(name) ?? .global(name), name: name, p)
        case .identifier(let name):
            switch name {
            case "true": return .literal(.bool(true), p)
            case "false": return .literal(.bool(false), p)
            case "null": return .literal(.null, p)
            default:
                guard !reservedWords.contains(name) else { throw unexpected(token, expected: "a value") }
                let next = try peek()
                if next.kind == .symbol("(") && !next.spaceBefore { return try callArguments(name: name, token) }
                return .variable(resolve(name) ?? .global(name), name: name, p)
            }
        case .symbol("("):
            _ = try peek(skipNewlines: true)
            let inner = try expression()
            try expectSymbol(")", "to close '('", skipNewlines: true)
            return inner
        case .symbol("${"):
            let inner = try expression()
            try expectSymbol("}", "to close '${'", skipNewlines: true)
            return inner
        case .symbol("["): return try listLiteral(token)
        case .symbol("{"): return try mapLiteral(token)
        case .symbol("|"):
            return .lambda(try functionRest(name: "lambda", token, closingParameters: "|"))
        case .commandStart:
            let (name, nameToken) = try expectIdentifier("a command name after '$('")
            var call = try commandCall(name, nameToken, closing: ")", stopAtBrace: false)
            call.captures = true
            try expectSymbol(")", "to close '$('", skipNewlines: true)
            return .command(call)
        case .end:
            throw syntaxError("expected a value, found the end of the input", at: token)
        default:
            throw unexpected(token, expected: "a value")
        }
    }

    mutating func listLiteral(_ open: Token) throws(ScriptError) -> Expr {
        try enterNesting(open)
        defer { depth -= 1 }
        var items: [Expr] = []
        while try !isSymbol("]", skipNewlines: true) {
            items.append(try expression())
            guard try isSymbol(",", skipNewlines: true) else { break }
            take_()
        }
        let close = try peek(skipNewlines: true)
        guard close.kind == .symbol("]") else {
            if close.kind == .end { throw syntaxError("the list is not closed; add ']'", at: close) }
            throw unexpected(close, expected: "',' or ']' in the list")
        }
        take_()
        return .list(items, position(open))
    }

    mutating func mapLiteral(_ open: Token) throws(ScriptError) -> Expr {
        try enterNesting(open)
        defer { depth -= 1 }
        var entries: [(key: String, value: Expr)] = []
        while try !isSymbol("}", skipNewlines: true) {
            let keyToken = try take(skipNewlines: true)
            let key: String
            switch keyToken.kind {
            case .identifier(let name): key = name
            case .rawString(let text): key = text
            case .string(let pieces):
                guard pieces.count == 1, case .text(let text) = pieces[0] else {
                    throw syntaxError("a map key cannot interpolate; build the map with set() instead", at: keyToken)
                }
                key = text
            case .integer(let number): key = String(number)
            default: throw unexpected(keyToken, expected: "a key (a name or a string)")
            }
            try expectSymbol(":", "after the key '\(key)'", skipNewlines: true)
            _ = try peek(skipNewlines: true)
            entries.append((key, try expression()))
            guard try isSymbol(",", skipNewlines: true) else { break }
            take_()
        }
        let close = try peek(skipNewlines: true)
        guard close.kind == .symbol("}") else {
            if close.kind == .end { throw syntaxError("the map is not closed; add '}'", at: close) }
            throw unexpected(close, expected: "',' or '}' in the map")
        }
        take_()
        return .map(entries, position(open))
    }

    mutating func interpolated(_ pieces: [StringPiece], _ p: Position) throws(ScriptError) -> Expr {
        if pieces.count == 1, case .text(let text) = pieces[0] { return .literal(.string(text), p) }
        var parts: [InterpolationPart] = []
        for piece in pieces {
            switch piece {
            case .text(let text): parts.append(.text(text))
            case .interpolation(let text, let line, let column):
                let savedLexer = lexer
                let savedLookahead = lookahead
                lexer = Lexer(text, sourceName: source.name, line: line, column: column)
                lookahead = nil
                _ = try peek(skipNewlines: true)
                let inner = try expression()
                let rest = try peek(skipNewlines: true)
                guard rest.kind == .end else { throw unexpected(rest, expected: "'}' to end the interpolation") }
                lexer = savedLexer
                lookahead = savedLookahead
                parts.append(.expression(inner))
            }
        }
        return .interpolated(parts, p)
    }
}
