import Testing

@testable import EMQXScript

/// The passes one by one: the resolver on its own, then the compile pass over a parsed tree.
@Suite struct ResolverTests {
    @Test func namesResolveToTheirFrameOrAreLeftForRunTime() {
        var resolver = Resolver(globals: GlobalNames())
        let x = resolver.declare("x")
        #expect(resolver.resolve("x") == .local(x))
        resolver.enterBlock()
        let inner = resolver.declare("y")
        #expect(resolver.resolve("y") == .local(inner))
        let outer = resolver.enterFunction()
        let parameter = resolver.declare("p")
        #expect(resolver.resolve("p") == .local(parameter))
        #expect(resolver.resolve("y") == .outer(hops: 1, slot: inner))
        #expect(resolver.resolve("nowhere") == nil)
        resolver.leave(to: outer)
        resolver.leaveBlock()
        #expect(resolver.resolve("y") == nil)
        #expect(resolver.slotCount == 2)
    }

    @Test func functionsAndGlobalsOutliveTheProgramThatDeclaredThem() {
        let globals = GlobalNames()
        let first = Resolver(globals: globals)
        _ = first.declare("count")
        _ = first.declareFunction("drain")
        #expect(first.isFunction("drain") && !first.isFunction("count"))
        first.commitGlobals()
        let next = Resolver(globals: globals)
        #expect(next.resolve("count") == .local(0))
        #expect(next.isFunction("drain"))
    }
}

@Suite struct CompilePassTests {
    func compiled(_ text: String) throws -> [Stmt] {
        let tree = try Parser.parse(SourceText(name: "t", text: text), globals: GlobalNames())
        return CompilePass.compile(tree).statements
    }

    func isCompiled(_ stmt: Stmt) -> Bool {
        if case .synchronous = stmt { return true }
        return false
    }

    @Test func aLoopThatCannotSuspendBecomesOneClosure() throws {
        let statements = try compiled("let t = 0\nfor i in 1..10 { t += i }")
        #expect(statements.allSatisfy(isCompiled))
    }

    @Test func aLoopWithACommandStaysATreeWithItsPureParts() throws {
        let statements = try compiled("for i in 1..2 { kick $i\nlet n = $i * 2 }")
        guard case .forIn(_, _, .synchronous, let body, _) = statements[0] else {
            Issue.record("the loop is compiled, or its range is not: \(statements[0])")
            return
        }
        #expect(!isCompiled(body[0]))
        #expect(isCompiled(body[1]))
    }

    @Test func functionBodiesGetThePassWhereverTheyAreWritten() throws {
        let statements = try compiled("def f(x) { let y = x + 1\nkick $y }\nlet g = |v| v * 2")
        guard case .synchronous(.def(let function, _), _) = statements[0] else {
            Issue.record("a def is not compiled: \(statements[0])")
            return
        }
        #expect(isCompiled(function.body[0]) && !isCompiled(function.body[1]))
        guard case .synchronous(.define(_, .lambda(let lambda), _), _) = statements[1] else {
            Issue.record("a lambda's definition is not compiled: \(statements[1])")
            return
        }
        #expect(lambda.body.allSatisfy(isCompiled))
    }
}
