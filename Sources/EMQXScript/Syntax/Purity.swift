/// Marks the parts of a program that can run without suspending, so the interpreter can run them
/// synchronously: async calls cost an allocation and an executor check each, which dominates tight loops.
enum Purity {
    static func wrap(_ expr: Expr) -> Expr {
        if case .synchronous = expr { return expr }
        return isPure(expr) ? .synchronous(expr, CompiledExpression(Compiler.expression(expr))) : expr
    }

    static func wrap(_ stmt: Stmt) -> Stmt {
        if case .synchronous = stmt { return stmt }
        return isPure(stmt) ? .synchronous(stmt, CompiledStatement(Compiler.statement(stmt))) : stmt
    }

    static func isPure(_ expr: Expr) -> Bool {
        switch expr {
        case .synchronous, .literal, .variable, .lambda: return true
        case .interpolated(let parts, _):
            return parts.allSatisfy { if case .expression(let e) = $0 { return isPure(e) } else { return true } }
        case .list(let items, _): return items.allSatisfy(isPure)
        case .map(let entries, _): return entries.allSatisfy { isPure($0.value) }
        case .field(let base, _, _): return isPure(base)
        case .index(let base, let key, _): return isPure(base) && isPure(key)
        case .unary(_, let operand, _): return isPure(operand)
        case .binary(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _), .range(let a, let b, _, _):
            return isPure(a) && isPure(b)
        case .call(let name, let ref, let arguments, _):
            return ref == nil && Builtins.table[name]?.sync != nil && arguments.allSatisfy(isPure)
        case .callValue, .command: return false
        }
    }

    static func isPure(_ stmt: Stmt) -> Bool {
        switch stmt {
        case .synchronous, .breakLoop, .continueLoop, .def: return true
        case .expression(let e, let show): return !show && isPure(e)
        case .define(_, let e, _), .assign(_, let e, _), .compoundAssign(_, _, let e, _), .throwError(let e, _):
            return isPure(e) && lvaluePure(stmt)
        case .ifChain(let branches, let elseBody):
            return branches.allSatisfy { isPure($0.condition) && $0.body.allSatisfy(isPure) }
                && (elseBody?.allSatisfy(isPure) ?? true)
        case .whileLoop(let condition, let body, _): return isPure(condition) && body.allSatisfy(isPure)
        case .forIn(_, _, let sequence, let body, _): return isPure(sequence) && body.allSatisfy(isPure)
        case .returnValue(let e, _): return e.map(isPure) ?? true
        case .exit(let e, _): return e.map(isPure) ?? true
        case .tryCatch, .source, .parallelFor: return false
        }
    }

    private static func lvaluePure(_ stmt: Stmt) -> Bool {
        switch stmt {
        case .assign(let target, _, _), .compoundAssign(let target, _, _, _):
            return target.path.allSatisfy { if case .index(let e) = $0 { return isPure(e) } else { return true } }
        default: return true
        }
    }
}
