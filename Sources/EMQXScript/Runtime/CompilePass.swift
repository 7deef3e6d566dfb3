/// The compile pass, after parsing: each largest part of the tree that cannot suspend (no command, no call of a
/// function that may) becomes one closure (`Compiler`), run without async overhead; the rest stays a tree for the
/// async evaluator. Function bodies get the same pass, wherever the function is written, and a body that cannot
/// suspend at all is also compiled whole, so calls of it run directly (see ``SyncFunctions``).
struct CompilePass {
    let purity: Purity

    static func compile(_ program: Program) -> Program {
        let pass = CompilePass(purity: Purity(functions: SyncFunctions(program: program.statements), valueCalls: true))
        return Program(
            statements: pass.block(program.statements), globalCount: program.globalCount, source: program.source)
    }

    func block(_ statements: [Stmt]) -> [Stmt] { statements.map(statement) }

    func statement(_ stmt: Stmt) -> Stmt {
        if purity.canCompile(stmt) {
            return purity.wrap(children(of: stmt, expression: functionsOnly, block: bodiesOnly))
        }
        return children(of: stmt, expression: expression, block: block)
    }

    func expression(_ expr: Expr) -> Expr {
        if purity.canCompile(expr) {
            return purity.wrap(children(of: expr, expression: functionsOnly, block: bodiesOnly))
        }
        return children(of: expr, expression: expression, block: block)
    }

    /// Inside a part compiled whole, only the functions defined there still need the pass, for their bodies.
    private func functionsOnly(_ expr: Expr) -> Expr {
        children(of: expr, expression: functionsOnly, block: bodiesOnly)
    }

    private func bodiesOnly(_ statements: [Stmt]) -> [Stmt] {
        statements.map { children(of: $0, expression: functionsOnly, block: bodiesOnly) }
    }

    private func function(_ declaration: FunctionDecl) {
        let inner = CompilePass(purity: purity.inFunction)
        declaration.body = inner.block(declaration.body)
        declaration.parameters = declaration.parameters.map {
            .init(name: $0.name, defaultValue: $0.defaultValue.map(inner.expression))
        }
        let whole = inner.purity
        let defaults = declaration.parameters.compactMap(\.defaultValue)
        guard defaults.allSatisfy(whole.isPure), declaration.body.allSatisfy(whole.isPure),
            let callees = whole.stableCallees({ walk in
                walk.walk(declaration.body, depth: whole.depth)
                for defaultValue in defaults { walk.walk(defaultValue, depth: whole.depth) }
            })
        else { return }
        let requirements = whole.requirements(declaration.body + defaults.map { .expression($0, show: false) })
        declaration.compiledBody = CompiledStatement(
            Compiler.block(declaration.body), requirements: requirements, valueCalls: callees,
            defaults: declaration.parameters.map(\.defaultValue))
        declaration.outerWrites = SyncFunctions.outerWrites(declaration.body)
        declaration.isSealed = declaration.outerWrites.isEmpty && requirements.allSatisfy { $0.declaration.isSealed }
    }

    /// `expr` with `expression` applied to each expression directly inside it and `block` to each block.
    private func children(
        of expr: Expr, expression e: (Expr) -> Expr, block b: ([Stmt]) -> [Stmt]
    ) -> Expr {
        switch expr {
        case .literal, .variable, .synchronous: return expr
        case .interpolated(let parts, let p):
            return .interpolated(
                parts.map { part in
                    if case .expression(let inner) = part { return .expression(e(inner)) }
                    return part
                }, p)
        case .list(let items, let p): return .list(items.map(e), p)
        case .map(let entries, let p): return .map(entries.map { (key: $0.key, value: e($0.value)) }, p)
        case .field(let base, let name, let p): return .field(e(base), name, p)
        case .index(let base, let key, let p): return .index(e(base), e(key), p)
        case .unary(let op, let operand, let p): return .unary(op, e(operand), p)
        case .binary(let op, let a, let b, let p): return .binary(op, e(a), e(b), p)
        case .and(let a, let b, let p): return .and(e(a), e(b), p)
        case .or(let a, let b, let p): return .or(e(a), e(b), p)
        case .range(let a, let b, let inclusive, let p): return .range(e(a), e(b), inclusive: inclusive, p)
        case .call(let name, let ref, let arguments, let p): return .call(name: name, ref, arguments.map(e), p)
        case .callValue(let callee, let arguments, let p): return .callValue(e(callee), arguments.map(e), p)
        case .lambda(let declaration):
            function(declaration)
            return expr
        case .command(var call):
            call.arguments = call.arguments.map { argument in
                if case .value(let value) = argument { return .value(e(value)) }
                return argument
            }
            return .command(call)
        }
    }

    private func children(
        of stmt: Stmt, expression e: (Expr) -> Expr, block b: ([Stmt]) -> [Stmt]
    ) -> Stmt {
        switch stmt {
        case .breakLoop, .continueLoop, .synchronous: return stmt
        case .expression(let value, let show): return .expression(e(value), show: show)
        case .define(let slot, let value, let p): return .define(slot: slot, e(value), p)
        case .assign(let target, let value, let p): return .assign(lvalue(target, e), e(value), p)
        case .compoundAssign(let target, let op, let value, let p):
            return .compoundAssign(lvalue(target, e), op, e(value), p)
        case .ifChain(let branches, let elseBody):
            return .ifChain(branches.map { (condition: e($0.condition), body: b($0.body)) }, elseBody: elseBody.map(b))
        case .forIn(let key, let value, let sequence, let body, let p):
            return .forIn(keySlot: key, valueSlot: value, e(sequence), b(body), p)
        case .whileLoop(let condition, let body, let p): return .whileLoop(e(condition), b(body), p)
        case .parallelFor(var loop):
            function(loop.body)
            loop.sequence = e(loop.sequence)
            loop.width = e(loop.width)
            return .parallelFor(loop)
        case .def(let declaration, let slot):
            function(declaration)
            return .def(declaration, slot: slot)
        case .returnValue(let value, let p): return .returnValue(value.map(e), p)
        case .tryCatch(let body, let slot, let handler, let finally, let p):
            return .tryCatch(body: b(body), catchSlot: slot, handler: handler.map(b), finally: finally.map(b), p)
        case .source(let path, let p): return .source(e(path), p)
        case .exit(let status, let p): return .exit(status.map(e), p)
        case .throwError(let value, let p): return .throwError(e(value), p)
        }
    }

    private func lvalue(_ target: LValue, _ e: (Expr) -> Expr) -> LValue {
        LValue(
            variable: target.variable, name: target.name,
            path: target.path.map { step in
                if case .index(let key) = step { return .index(e(key)) }
                return step
            }, position: target.position)
    }
}
