/// Statements with blocks: `if`, `for`, `while`, `def`, `try`.
extension Parser {
    mutating func ifStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        try enterNesting(keyword)
        defer { depth -= 1 }
        var branches: [(condition: Expr, body: [Stmt])] = []
        let condition = try expression()
        branches.append((condition, try block("of 'if'")))
        var elseBody: [Stmt]?
        while true {
            var probe = self
            let next = try probe.peek(skipNewlines: true)
            guard case .identifier(let word) = next.kind, word == "elif" || word == "else" else { break }
            self = probe
            take_()
            if word == "elif" {
                let condition = try expression()
                branches.append((condition, try block("of 'elif'")))
            } else {
                if case .identifier("if") = try peek().kind {
                    elseBody = [try ifStatement()]
                } else {
                    elseBody = try block("of 'else'")
                }
                break
            }
        }
        return .ifChain(branches, elseBody: elseBody)
    }
    mutating func forStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        let (first, _) = try expectIdentifier("a loop variable after 'for'")
        var second: String?
        if try isSymbol(",") {
            take_()
            second = try expectIdentifier("a second loop variable after ','").0
        }
        let inToken = try take()
        guard inToken.kind == .identifier("in") else { throw unexpected(inToken, expected: "'in'") }
        parallelClauseAllowed = true
        var sequence = try rightHandSide(stopAtBrace: true)
        parallelClauseAllowed = false
        if let width = try parallelWidth(after: &sequence) {
            return .parallelFor(
                ParallelLoop(
                    body: try parallelBody(first, second, keyword), sequence: sequence, width: width,
                    position: position(keyword)))
        }
        resolver.enterBlock()
        defer { resolver.leaveBlock() }
        let keySlot = second == nil ? nil : resolver.declare(first)
        let valueSlot = resolver.declare(second ?? first)
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try block("of 'for'")
        return .forIn(keySlot: keySlot, valueSlot: valueSlot, sequence, body, position(keyword))
    }
    /// The N of a loop's `--parallel N`: after an expression it follows the sequence; after a command the command's
    /// last two words are taken for it (`for c in clients --parallel 4 {`).
    private mutating func parallelWidth(after sequence: inout Expr) throws(ScriptError) -> Expr? {
        if case .command(var call) = sequence, call.arguments.count >= 2,
            case .flag("--parallel", _) = call.arguments[call.arguments.count - 2],
            case .value(let width) = call.arguments[call.arguments.count - 1]
        {
            call.arguments.removeLast(2)
            sequence = .command(call)
            return width
        }
        parallelClauseAllowed = true
        defer { parallelClauseAllowed = false }
        guard startsParallelClause() else { return nil }
        for _ in 0..<3 { try take() }  // - - parallel
        return try expression()
    }

    /// A parallel loop's body: a function of its loop variables, so each item has its own (outer variables are
    /// shared); `break` and `continue` have no loop to act on there, and `return` ends the item.
    private mutating func parallelBody(
        _ first: String, _ second: String?, _ keyword: Token
    ) throws(ScriptError)
        -> FunctionDecl
    {
        let outer = enterFunctionScope()
        defer { leaveFunctionScope(outer) }
        let names = second.map { [first, $0] } ?? [first]
        for name in names { _ = resolver.declare(name) }
        let body = try block("of 'for … --parallel'")
        return FunctionDecl(
            name: "for", parameters: names.map { .init(name: $0, defaultValue: nil) }, body: body,
            slotCount: resolver.slotCount, position: position(keyword), source: source)
    }

    mutating func whileStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        let condition = try expression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        return .whileLoop(condition, try block("of 'while'"), position(keyword))
    }
    mutating func defStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        let (name, nameToken) = try expectIdentifier("a function name after 'def'")
        if Builtins.table[name] != nil {
            throw syntaxError("'\(name)' is a builtin function; give yours another name", at: nameToken)
        }
        let slot: VariableRef = .local(resolver.declareFunction(name))
        let function = try functionRest(name: name, keyword, closingParameters: ")")
        return .def(function, slot: slot)
    }
    /// Parameters and body of a function; for a lambda the parameter list closes with `|`.
    mutating func functionRest(
        name: String, _ start: Token, closingParameters: String
    ) throws(ScriptError) -> FunctionDecl {
        if closingParameters == ")" { try expectSymbol("(", "to open the parameter list of '\(name)'") }
        // Parameters live in the function's own scope, so a default can use the ones before it.
        let outer = enterFunctionScope()
        defer { leaveFunctionScope(outer) }
        var parameters: [FunctionDecl.Parameter] = []
        if try !isSymbol(closingParameters, skipNewlines: true) {
            while true {
                _ = try peek(skipNewlines: true)
                let (parameter, token) = try expectIdentifier("a parameter name")
                if parameters.contains(where: { $0.name == parameter }) {
                    throw syntaxError("the parameter '\(parameter)' is named twice", at: token)
                }
                var defaultValue: Expr?
                if try isSymbol("=") {
                    take_()
                    defaultValue = try expression()
                } else if parameters.last?.defaultValue != nil {
                    throw syntaxError(
                        "'\(parameter)' needs a default value: it follows a parameter that has one", at: token)
                }
                parameters.append(.init(name: parameter, defaultValue: defaultValue))
                _ = resolver.declare(parameter)
                if try isSymbol(",", skipNewlines: true) {
                    take_()
                    continue
                }
                break
            }
        }
        try expectSymbol(closingParameters, "to close the parameter list of '\(name)'", skipNewlines: true)
        let body: [Stmt]
        if closingParameters == "|", try !isSymbol("{") {
            let value = try expression()
            body = [.returnValue(value, value.position)]
        } else {
            body = try block("of '\(name)'")
        }
        return FunctionDecl(
            name: name, parameters: parameters, body: body, slotCount: resolver.slotCount,
            position: position(start), source: source)
    }
    mutating func tryStatement() throws(ScriptError) -> Stmt {
        let keyword = try take()
        let body = try block("of 'try'")
        var catchSlot: Int?
        var handler: [Stmt]?
        var finally: [Stmt]?
        var probe = self
        if case .identifier("catch") = try probe.peek(skipNewlines: true).kind {
            self = probe
            take_()
            resolver.enterBlock()
            if case .identifier(let name) = try peek().kind, !reservedWords.contains(name) {
                take_()
                catchSlot = resolver.declare(name)
            }
            handler = try block("of 'catch'")
            resolver.leaveBlock()
            probe = self
        }
        if case .identifier("finally") = try probe.peek(skipNewlines: true).kind {
            self = probe
            take_()
            finally = try block("of 'finally'")
        }
        guard handler != nil || finally != nil else {
            throw syntaxError("'try' needs a 'catch' or a 'finally' block", at: keyword)
        }
        return .tryCatch(body: body, catchSlot: catchSlot, handler: handler, finally: finally, position(keyword))
    }

    /// Enters a function's scope: its own variables, and no loop for `break` to leave.
    mutating func enterFunctionScope() -> (scope: FunctionScope, loops: Int) {
        let outer = (resolver.enterFunction(), loopDepth)
        loopDepth = 0
        functionDepth += 1
        return outer
    }

    mutating func leaveFunctionScope(_ outer: (scope: FunctionScope, loops: Int)) {
        resolver.leave(to: outer.scope)
        loopDepth = outer.loops
        functionDepth -= 1
    }
}
