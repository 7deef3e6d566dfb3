import EMQXJSON

/// Statements compiled to closures.
extension Compiler {
    /// A block as a chain of closures: closures kept in an array would be called through thunks.
    static func block(_ statements: [Stmt]) -> Statement {
        guard let last = statements.last else { return { _, _ in .normal } }
        var chain = statement(last)
        for previous in statements.dropLast().reversed() {
            let first = statement(previous)
            let rest = chain
            chain = { interpreter, context in
                let flow = try first(interpreter, context)
                if case .normal = flow { return try rest(interpreter, context) }
                return flow
            }
        }
        return chain
    }
    static func statement(_ stmt: Stmt) -> Statement {
        switch stmt {
        case .synchronous(_, let compiled): return compiled.run
        case .expression(let expr, _):
            let compute = expression(expr)
            return { interpreter, context in
                _ = try compute(interpreter, context)
                return .normal
            }
        case .define(let slot, let expr, _):
            let compute = expression(expr)
            return { interpreter, context in
                context.frame.slots[slot] = try compute(interpreter, context)
                return .normal
            }
        case .assign(let target, let expr, _):
            guard let parts = CounterParts(target, expr) else { return assignment(target, expr) }
            return counter(parts, otherwise: assignment(target, expr))
        case .compoundAssign(let target, let op, let expr, let position):
            let compute = expression(expr)
            let keys = lvalueKeys(target)
            if target.path.isEmpty, op == .add || op == .subtract {
                // `total += n` on whole numbers, `items += [x]` and `text += "…"`: no path to walk. A closure's
                // counter (`n += step` on a captured `n`) likewise, in the frame around it.
                switch target.variable {
                case .local(let slot):
                    if op == .add, let append = appendLiteralInPlace(slot, expr, position) { return append }
                    return { interpreter, context in
                        let operand = try compute(interpreter, context)
                        try interpreter.combine(op, into: &context.frame.slots[slot], operand, position, context)
                        return .normal
                    }
                case .outer(let hops, let slot):
                    return { interpreter, context in
                        let operand = try compute(interpreter, context)
                        let cell = context.frame.slots(up: hops) + slot
                        try interpreter.combine(op, into: &cell.pointee, operand, position, context)
                        return .normal
                    }
                case .global: break
                }
            }
            if let alongPath = compoundAssignAlongPath(target, op, expr, position) { return alongPath }
            return { interpreter, context in
                let path = try keys(interpreter, context)
                let operand = try compute(interpreter, context)
                try interpreter.compoundAssign(target, keys: path, op, operand, position, context)
                return .normal
            }
        case .ifChain(let branches, let elseBody):
            // A chain of closures, as for a block: walking an array of branches retained each one it passed.
            var chain: Statement = { _, _ in .normal }
            if let elseBody { chain = block(elseBody) }
            for branch in branches.reversed() {
                let condition = expression(branch.condition)
                let body = block(branch.body)
                let otherwise = chain
                chain = { interpreter, context in
                    try condition(interpreter, context).isTruthy
                        ? try body(interpreter, context) : try otherwise(interpreter, context)
                }
            }
            return chain
        case .whileLoop(let condition, let body, let position):
            let test = expression(condition)
            let run = block(body)
            return { interpreter, context in
                while try test(interpreter, context).isTruthy {
                    try interpreter.checkCancelled(position, context)
                    switch try run(interpreter, context) {
                    case .breakLoop: return .normal
                    case .returned(let value): return .returned(value)
                    case .normal, .continueLoop: continue
                    }
                }
                return .normal
            }
        case .forIn(let keySlot, let valueSlot, let sequence, let body, let position):
            return forLoop(keySlot, valueSlot, sequence, block(body), position)
        case .breakLoop: return { _, _ in .breakLoop }
        case .continueLoop: return { _, _ in .continueLoop }
        case .def(let declaration, let ref):
            return { interpreter, context in
                try interpreter.write(
                    .function(FunctionValue(declaration: declaration, captured: context.frame)), to: ref,
                    name: declaration.name, declaration.position, context)
                return .normal
            }
        case .returnValue(let expr, _):
            guard let expr else { return { _, _ in .returned(.null) } }
            let compute = expression(expr)
            return { interpreter, context in .returned(try compute(interpreter, context)) }
        case .exit(let expr, let position):
            let compute = expr.map(expression)
            return { interpreter, context in
                throw try interpreter.exitStatus(try compute?(interpreter, context), position, context)
            }
        case .throwError(let expr, let position):
            let compute = expression(expr)
            return { interpreter, context in
                throw interpreter.thrown(try compute(interpreter, context), position, context)
            }
        case .tryCatch(let body, let catchSlot, let handler, let finally, _):
            return tryStatement(block(body), catchSlot, handler.map(block), finally.map(block))
        case .source(_, let position):
            return { interpreter, context in
                throw interpreter.fail(.value, "internal: a suspending statement was compiled", position, context)
            }
        case .parallelFor(let loop):
            return { interpreter, context in
                throw interpreter.fail(.value, "internal: a suspending statement was compiled", loop.position, context)
            }
        }
    }

    /// `try { … } catch e { … } finally { … }`, run as the general evaluator runs it: the handler takes what
    /// `catch` may take, and `finally` runs last, its `return`, `break` or `continue` winning over the outcome.
    private static func tryStatement(
        _ body: @escaping Statement, _ catchSlot: Int?, _ handler: Statement?, _ finally: Statement?
    ) -> Statement {
        return { interpreter, context in
            var outcome: Result<Flow, any Error>
            do {
                outcome = .success(try body(interpreter, context))
            } catch {
                outcome = .failure(error)
            }
            if case .failure(let error) = outcome, let handler, interpreter.caught(error, into: catchSlot, context) {
                do {
                    outcome = .success(try handler(interpreter, context))
                } catch {
                    outcome = .failure(error)
                }
            }
            if let finally {
                let flow = try finally(interpreter, context)
                if case .normal = flow {} else { return flow }
            }
            return try outcome.get()
        }
    }

    /// `name = value`, `$m.field = value`, `items[i] = value` and deeper paths.
    static func assignment(_ target: LValue, _ expr: Expr) -> Statement {
        let compute = expression(expr)
        let keys = lvalueKeys(target)
        if case .local(let slot) = target.variable, target.path.isEmpty {
            if let inPlace = updateInPlace(slot, expr) { return inPlace }
            return { interpreter, context in
                context.frame.slots[slot] = try compute(interpreter, context)
                return .normal
            }
        }
        if case .local(let slot) = target.variable, target.path.count == 1, case .field(let name) = target.path[0] {
            // `$m.field = v` on an existing map: change it in place, without hashing the key when the hint holds.
            let hint = IndexHint()
            return { interpreter, context in
                let value = try compute(interpreter, context)
                let cell = context.frame.slots + slot
                if case .map = cell.pointee, case .map(var map) = cell.move() {
                    if let index = hint.find(name, in: map) { map[valueAt: index] = value } else { map[name] = value }
                    cell.initialize(to: .map(map))
                    return .normal
                }
                try interpreter.store(value, into: target, keys: try keys(interpreter, context), context)
                return .normal
            }
        }
        if case .local(let slot) = target.variable, target.path.count == 1,
            case .index(let keyExpr) = target.path[0]
        {
            // `counts[key] = v` on a map, `flags[i] = v` on a list: set where the collection is stored, without the
            // general path's walk.
            let computeKey = expression(keyExpr)
            return { interpreter, context in
                let value = try compute(interpreter, context)
                let key = try computeKey(interpreter, context)
                if set(key, to: value, in: context.frame.slots + slot, interpreter) { return .normal }
                try interpreter.store(value, into: target, keys: [key], context)
                return .normal
            }
        }
        if let alongPath = assignmentAlongPath(target, expr) { return alongPath }
        return { interpreter, context in
            let value = try compute(interpreter, context)
            try interpreter.store(value, into: target, keys: try keys(interpreter, context), context)
            return .normal
        }
    }
}
