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

    @Test func tryAndCatchThatCannotSuspendAreCompiledWithTheirLoop() throws {
        let loop = try compiled(
            "let bad = 0\nfor i in 0..<9 { try { if i % 3 == 0 { throw \"x\" } } catch e { bad += 1 } finally { } }")
        #expect(loop.allSatisfy(isCompiled))
        let function = try compiled("def port(t) { try { return int(t) } catch e { return -1 } }")
        guard case .synchronous(.def(let declaration, _), _) = function[0] else {
            Issue.record("a def is not compiled: \(function[0])")
            return
        }
        #expect(declaration.compiledBody != nil)
        let suspends = try compiled("for i in 1..2 { try { kick $i } catch e { let n = 1 } }")
        guard case .forIn(_, _, _, let body, _) = suspends[0], case .tryCatch(_, _, let handler?, _, _) = body[0] else {
            Issue.record("a try that runs a command is compiled: \(suspends[0])")
            return
        }
        #expect(!isCompiled(body[0]) && isCompiled(handler[0]))
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

    /// The function a top-level `def` binds, from the compiled statement.
    func function(_ stmt: Stmt) -> FunctionDecl? {
        if case .synchronous(.def(let function, _), _) = stmt { return function }
        return nil
    }

    @Test func aRecursiveFunctionIsCompiledWholeAndCalledWithoutSuspending() throws {
        let statements = try compiled(
            "def fib(n) {\nif n < 2 { return n }\nreturn fib(n - 1) + fib(n - 2) }\nlet x = fib(20)")
        let fib = try #require(function(statements[0]))
        #expect(fib.compiledBody != nil && fib.isSealed)
        guard case .synchronous(_, let call) = statements[1] else {
            Issue.record("the call is not compiled: \(statements[1])")
            return
        }
        #expect(call.requirements.count == 1 && call.requirements[0].declaration === fib, "it checks fib is still fib")
    }

    @Test func aFunctionWithDefaultValuesIsCompiledWholeToo() throws {
        let statements = try compiled("def f(x, y = x + 1) { return y }\nlet z = f(2)")
        let f = try #require(function(statements[0]))
        #expect(f.compiledBody != nil && f.isSealed)
        guard case .synchronous(_, let call) = statements[1] else {
            Issue.record("the call is not compiled: \(statements[1])")
            return
        }
        #expect(call.requirements.count == 1 && call.requirements[0].declaration === f)
    }

    @Test(arguments: [
        ("def f(x) { return 1 }\nf = 3\nlet y = f(2)", "the name is assigned besides its def"),
        ("def f(x) { return 1 }\ndef f(x) { return 2 }\nlet y = f(2)", "the name is defined twice"),
        ("def f(x) { kick $x }\nlet y = f(2)", "the body runs a command"),
        ("def f(x, y = \"$(kick 1)\") { return x }\nlet y = f(2)", "a default value runs a command"),
    ])
    func aFunctionThatMayNotBeCompiledIsLookedAtWhenTheCallRuns(_ program: String, _ why: String) throws {
        guard case .synchronous(_, let call) = try compiled(program).last! else {
            Issue.record("the call is not compiled")
            return
        }
        // Not one of the program's synchronous functions: the part checks what f holds each time it starts.
        #expect(call.requirements.isEmpty && call.valueCallees == [.local(0)], "\(why)")
    }

    @Test func aPartThatRebindsTheFunctionItCallsStaysATree() throws {
        let kept = try compiled("let f = |x| x\nfor i in 0..<3 { let y = $f(i) }")
        #expect(isCompiled(kept[1]))
        let rebound = try compiled("let f = |x| x\nfor i in 0..<3 { f = |x| x * 2\nlet y = $f(i) }")
        #expect(!isCompiled(rebound[1]))
    }

    @Test func aFunctionThatChangesAnOuterVariableIsNotSealed() throws {
        let statements = try compiled("let n = 0\ndef bump(x) { n += x\nreturn n }\ndef read(x) { return n + x }")
        #expect(function(statements[1])?.isSealed == false)
        #expect(function(statements[2])?.isSealed == true)
    }

    @Test func aBodyThatCallsThroughItsParametersOrCapturedVariablesIsCompiledWholeAndSaysWhich() throws {
        let statements = try compiled(
            "def apply(f, x) { return f(x) }\ndef compose(f, g) { return |x| f(g(x)) }\n"
                + "let rebinds = |x| { x = 1\nreturn x(2) }")
        let apply = try #require(function(statements[0]))
        #expect(apply.compiledBody?.valueCallees == [.local(0)], "checked where the arguments are known")
        let compose = try #require(function(statements[1]))
        guard case .synchronous(.returnValue(.lambda(let composed)?, _), _)? = compose.body.first else {
            Issue.record("compose does not return a lambda: \(compose.body)")
            return
        }
        #expect(composed.compiledBody?.valueCallees == [.outer(hops: 1, slot: 0), .outer(hops: 1, slot: 1)])
        guard case .synchronous(.define(_, .lambda(let rebinds), _), _) = statements[2] else {
            Issue.record("not a lambda: \(statements[2])")
            return
        }
        #expect(rebinds.compiledBody == nil, "a body that assigns what it calls through is not compiled whole")
    }

    @Test func aClosureThatChangesItsCapturedVariableSaysWhichIt() throws {
        let statements = try compiled("def counter() {\nlet n = 0\nreturn || { n += 1\nreturn n } }")
        let counter = try #require(function(statements[0]))
        guard case .synchronous(.returnValue(.lambda(let tick)?, _), _)? = counter.body.last else {
            Issue.record("counter does not return a lambda: \(counter.body)")
            return
        }
        #expect(tick.compiledBody != nil && !tick.isSealed)
        #expect(tick.outerWrites == [.outer(hops: 1, slot: 0)], "a part may call it unless it relies on n")
    }

    @Test func aPartSaysWhichVariablesItGivesToTheFunctionsItCallsThrough() throws {
        let statements = try compiled(
            "def apply(f, x) { return f(x) }\nlet g = |x| x\nfor i in 0..<3 { let y = apply(g, i) + apply(|x| x, 1) }")
        guard case .synchronous(_, let loop) = statements[2] else {
            Issue.record("the loop is not compiled: \(statements[2])")
            return
        }
        // apply calls through its first parameter: the part checks what g holds, and that the lambda (not a
        // variable) given at the second call leaves the part to the general evaluator.
        #expect(
            loop.valueCalls.sites == [
                ValueCallSite(callee: .local(0), arguments: [.local(1), .local(2)]),
                ValueCallSite(callee: .local(0), arguments: [nil, nil]),
            ])
    }
}
