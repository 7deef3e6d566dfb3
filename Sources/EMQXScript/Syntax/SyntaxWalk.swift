/// Visits every statement and expression of a tree, telling each visit how many function frames it sits in.
struct SyntaxWalk {
    /// Whether the bodies of the functions and lambdas written in the tree are visited too (one frame deeper).
    var intoFunctions: Bool
    var statement: (Stmt, _ depth: Int) -> Void = { _, _ in }
    var expression: (Expr, _ depth: Int) -> Void = { _, _ in }

    func walk(_ statements: [Stmt], depth: Int) {
        for stmt in statements { walk(stmt, depth: depth) }
    }

    func walk(_ stmt: Stmt, depth: Int) {
        statement(stmt, depth)
        switch stmt {
        case .breakLoop, .continueLoop: break
        case .synchronous(let inner, _): walk(inner, depth: depth)
        case .expression(let e, _), .define(_, let e, _), .throwError(let e, _), .source(let e, _):
            walk(e, depth: depth)
        case .assign(let target, let e, _), .compoundAssign(let target, _, let e, _):
            walk(target, depth: depth)
            walk(e, depth: depth)
        case .ifChain(let branches, let elseBody):
            for branch in branches {
                walk(branch.condition, depth: depth)
                walk(branch.body, depth: depth)
            }
            walk(elseBody ?? [], depth: depth)
        case .forIn(_, _, let sequence, let body, _), .whileLoop(let sequence, let body, _):
            walk(sequence, depth: depth)
            walk(body, depth: depth)
        case .parallelFor(let loop):
            walk(loop.sequence, depth: depth)
            walk(loop.width, depth: depth)
            function(loop.body, depth: depth)
        case .def(let declaration, _): function(declaration, depth: depth)
        case .returnValue(let e, _), .exit(let e, _):
            if let e { walk(e, depth: depth) }
        case .tryCatch(let body, _, let handler, let finally, _):
            walk(body, depth: depth)
            walk(handler ?? [], depth: depth)
            walk(finally ?? [], depth: depth)
        }
    }

    func walk(_ expr: Expr, depth: Int) {
        expression(expr, depth)
        switch expr {
        case .literal, .variable: break
        case .synchronous(let inner, _): walk(inner, depth: depth)
        case .interpolated(let parts, _):
            for case .expression(let inner) in parts { walk(inner, depth: depth) }
        case .list(let items, _): for item in items { walk(item, depth: depth) }
        case .map(let entries, _): for entry in entries { walk(entry.value, depth: depth) }
        case .field(let base, _, _), .unary(_, let base, _): walk(base, depth: depth)
        case .index(let a, let b, _), .binary(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _),
            .range(let a, let b, _, _):
            walk(a, depth: depth)
            walk(b, depth: depth)
        case .call(_, _, let arguments, _): for argument in arguments { walk(argument, depth: depth) }
        case .callValue(let callee, let arguments, _):
            walk(callee, depth: depth)
            for argument in arguments { walk(argument, depth: depth) }
        case .lambda(let declaration): function(declaration, depth: depth)
        case .command(let call):
            for case .value(let value) in call.arguments { walk(value, depth: depth) }
        }
    }

    private func walk(_ target: LValue, depth: Int) {
        for case .index(let key) in target.path { walk(key, depth: depth) }
    }

    private func function(_ declaration: FunctionDecl, depth: Int) {
        guard intoFunctions else { return }
        for parameter in declaration.parameters {
            if let value = parameter.defaultValue { walk(value, depth: depth + 1) }
        }
        walk(declaration.body, depth: depth + 1)
    }
}
