import Testing

@testable import EMQXScript

@Suite struct LexerTests {
    func kinds(_ text: String) throws -> [TokenKind] {
        var lexer = Lexer(text, sourceName: "t")
        var out: [TokenKind] = []
        while true {
            let token = try lexer.next(skipNewlines: false)
            if token.kind == .end { return out }
            out.append(token.kind)
        }
    }

    @Test(arguments: [
        ("$x.y", [TokenKind.variable("x"), .symbol("."), .identifier("y")]),
        ("1..5", [.integer(1), .symbol(".."), .integer(5)]),
        ("1..<5", [.integer(1), .symbol("..<"), .integer(5)]),
        ("2.5e3", [.float(2500)]),
        ("a =~ b", [.identifier("a"), .symbol("=~"), .identifier("b")]),
        ("x += 1 # note", [.identifier("x"), .symbol("+="), .integer(1)]),
        ("'it\\'s'", [.rawString("it's")]),
        ("\"a${b}c\"", [.string([.text("a"), .interpolation("b", line: 1, column: 5), .text("c")])]),
        ("$(cmd)", [.commandStart, .identifier("cmd"), .symbol(")")]),
        ("a;b\nc", [.identifier("a"), .newline, .identifier("b"), .newline, .identifier("c")]),
        ("1_000_000", [.integer(1_000_000)]),
        ("a \\\n b", [.identifier("a"), .identifier("b")]),
    ])
    func tokens(_ text: String, _ expected: [TokenKind]) throws {
        #expect(try kinds(text) == expected)
    }

    @Test(arguments: ["\"open", "'open", "\"${open\""])
    func openStringsAreIncomplete(_ text: String) {
        #expect { _ = try kinds(text) } throws: { ($0 as? ScriptError)?.code == .incomplete }
    }
}

@Suite struct IncompleteInputTests {
    @Test(arguments: [
        "if true {", "def f(a) {\n  print 1", "let x = [1,\n2", "let m = {a: 1,", "print \"abc", "let x = 1 +",
        "for i in 1..3 {\n  if true {", "try {\n} catch e {", "let s = 'abc",
    ])
    func needsMore(_ text: String) {
        #expect(Interpreter.needsMoreInput(text))
    }

    @Test(arguments: [
        "if true { print 1 }", "let x = 1", "print 1 +* 2", "let x = ]", "}", "get /clients --state connected",
    ])
    func completeOrWrong(_ text: String) {
        #expect(!Interpreter.needsMoreInput(text))
    }
}

@Suite struct ParserTests {
    func parse(_ text: String) throws -> [Stmt] {
        try Parser.parse(SourceText(name: "t", text: text), globals: GlobalNames()).statements
    }

    func unwrap(_ s: Stmt) -> Stmt {
        if case .synchronous(let inner, _) = s { return unwrap(inner) }
        return s
    }

    @Test func aBareNameIsACommandWithWordArguments() throws {
        let statements = try parse("clients --state connected --limit 20 t/#")
        guard case .expression(.command(let call), true) = unwrap(statements[0]) else {
            Issue.record("not a command: \(statements)")
            return
        }
        #expect(call.name == "clients")
        #expect(call.arguments.count == 5)
        if case .flag(let flag, _) = call.arguments[0] { #expect(flag == "--state") } else { Issue.record("no flag") }
    }

    @Test func letOfACommandCapturesIt() throws {
        guard case .define(_, .command(let call), _) = unwrap(try parse("let online = clients --state connected")[0])
        else {
            Issue.record("not a captured command")
            return
        }
        #expect(call.name == "clients")
    }

    @Test func letOfAVariableIsAnExpression() throws {
        let statements = try parse("let a = 1\nlet b = a + 1")
        guard case .define(_, .binary(.add, .variable(.local(0), "a", _), _, _), _) = statements[1] else {
            Issue.record("not an expression: \(statements[1])")
            return
        }
    }

    @Test func theParserLeavesCompilingToItsPass() throws {
        let statements = try parse("let t = 0\nfor i in 1..10 { t += i }")
        if case .synchronous = statements[1] { Issue.record("the parser compiled a statement") }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect { _ = try parse("print(\(deep))") } throws: {
            ($0 as? ScriptError)?.message.contains("nesting deeper") ?? false
        }
        let deepList = String(repeating: "[", count: 5000)
        #expect(throws: ScriptError.self) { _ = try parse(deepList) }
    }
}
