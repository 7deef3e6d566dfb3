import OrderedCollections

/// The parts of a program that cannot suspend, run without async calls (see `Purity`).
extension Interpreter {
    func evalSync(_ expr: Expr, _ context: Context) throws -> Value {
        switch expr {
        case .literal(let value, _): return value
        case .variable(let ref, let name, let position): return try read(ref, name: name, position, context)
        case .synchronous(let inner): return try evalSync(inner, context)
        case .interpolated(let parts, _):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .expression(let inner): text += try evalSync(inner, context).displayText
                }
            }
            return .string(text)
        case .list(let items, _): return .list(try items.map { try evalSync($0, context) })
        case .map(let entries, _):
            var map = OrderedDictionary<String, Value>(minimumCapacity: entries.count)
            for entry in entries { map[entry.key] = try evalSync(entry.value, context) }
            return .map(map)
        case .field(let base, let name, let position): return try field(try evalSync(base, context), name, position, context)
        case .index(let base, let key, let position):
            return try index(try evalSync(base, context), try evalSync(key, context), position, context)
        case .unary(let op, let operand, let position):
            let value = try evalSync(operand, context)
            if op == .not { return .bool(!value.isTruthy) }
            return try binary(.subtract, .int(0), value, position, context)
        case .binary(let op, let left, let right, let position):
            let a = try evalSync(left, context)
            return try binary(op, a, try evalSync(right, context), position, context)
        case .and(let left, let right, _):
            let a = try evalSync(left, context)
            return a.isTruthy ? try evalSync(right, context) : a
        case .or(let left, let right, _):
            let a = try evalSync(left, context)
            return a.isTruthy ? a : try evalSync(right, context)
        case .range(let low, let high, let inclusive, let position):
            let (from, to) = try rangeBoundsSync(low, high, inclusive, position, context)
            guard to - from <= 10_000_000 else {
                throw fail(.value, "the range \(from)..<\(to) is too large to hold as a list; loop over it with 'for' instead", position, context)
            }
            return .list(from < to ? (from..<to).map { .int($0) } : [])
        case .call(let name, _, let arguments, let position):
            guard let builtin = Builtins.table[name] else { throw fail(.undefinedCommand, "undefined function '\(name)'", position, context) }
            return try callBuiltinSync(name, builtin, try arguments.map { try evalSync($0, context) }, position, context)
        case .lambda(let declaration):
            return .function(FunctionValue(declaration: declaration, captured: context.frame))
        case .callValue, .command:
            throw fail(.value, "internal: a suspending expression was marked synchronous", expr.position, context)
        }
    }

    func rangeBoundsSync(_ low: Expr, _ high: Expr, _ inclusive: Bool, _ position: Position, _ context: Context) throws -> (Int64, Int64) {
        try bounds(try evalSync(low, context), try evalSync(high, context), inclusive, position, context)
    }

    func bounds(_ a: Value, _ b: Value, _ inclusive: Bool, _ position: Position, _ context: Context) throws -> (Int64, Int64) {
        guard case .int(let from) = a, case .int(let to) = b else {
            throw fail(.type, "a range needs integers, not \(describe(a)) and \(describe(b))", position, context)
        }
        if inclusive {
            guard to < Int64.max else { throw fail(.overflow, "the range end \(to) is too large", position, context) }
            return (from, to + 1)
        }
        return (from, to)
    }

    func keysSync(_ target: LValue, _ context: Context) throws -> [Value] {
        if let keys = target.fieldKeys { return keys }
        return try target.path.map { step in
            switch step {
            case .field(let name): return .string(name)
            case .index(let key): return try evalSync(key, context)
            }
        }
    }

    func execSync(_ statements: [Stmt], _ context: Context) throws -> Flow {
        for statement in statements {
            let flow = try execSync(statement, context)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func execSync(_ statement: Stmt, _ context: Context) throws -> Flow {
        switch statement {
        case .synchronous(let inner): return try execSync(inner, context)
        case .expression(let expr, _):
            _ = try evalSync(expr, context)
        case .define(let slot, let expr, _):
            context.frame.slots[slot] = try evalSync(expr, context)
        case .assign(let target, let expr, _):
            let value = try evalSync(expr, context)
            try store(value, into: target, keys: try keysSync(target, context), context)
        case .compoundAssign(let target, let op, let expr, let position):
            let keys = try keysSync(target, context)
            let value = try binary(op, try load(target, keys: keys, context), try evalSync(expr, context), position, context)
            try store(value, into: target, keys: keys, context)
        case .ifChain(let branches, let elseBody):
            for branch in branches where try evalSync(branch.condition, context).isTruthy {
                return try execSync(branch.body, context)
            }
            if let elseBody { return try execSync(elseBody, context) }
        case .whileLoop(let condition, let body, let position):
            while try evalSync(condition, context).isTruthy {
                try checkCancelled(position, context)
                switch try execSync(body, context) {
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continueLoop: continue
                }
            }
        case .forIn(let keySlot, let valueSlot, let sequence, let body, let position):
            return try forLoopSync(keySlot, valueSlot, sequence, body, position, context)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .def(let declaration, let ref):
            try write(.function(FunctionValue(declaration: declaration, captured: context.frame)), to: ref,
                      name: declaration.name, declaration.position, context)
        case .returnValue(let expr, _):
            return .returned(try expr.map { try evalSync($0, context) } ?? .null)
        case .exit(let expr, let position):
            throw try exitStatus(try expr.map { try evalSync($0, context) }, position, context)
        case .throwError(let expr, let position):
            throw thrown(try evalSync(expr, context), position, context)
        case .tryCatch(_, _, _, _, let position), .source(_, let position):
            throw fail(.value, "internal: a suspending statement was marked synchronous", position, context)
        }
        return .normal
    }

    private func forLoopSync(
        _ keySlot: Int?, _ valueSlot: Int, _ sequence: Expr, _ body: [Stmt], _ position: Position, _ context: Context
    ) throws -> Flow {
        let frame = context.frame
        var items: [(Value, Value)]
        var sequenceExpr = sequence
        if case .synchronous(let inner) = sequence { sequenceExpr = inner }
        if case .range(let low, let high, let inclusive, let rangePosition) = sequenceExpr {
            let (from, to) = try rangeBoundsSync(low, high, inclusive, rangePosition, context)
            var index = from
            var counter: Int64 = 0
            while index < to {
                try checkCancelled(position, context)
                if let keySlot { frame.slots[keySlot] = .int(counter) }
                frame.slots[valueSlot] = .int(index)
                switch try execSync(body, context) {
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continueLoop: break
                }
                index += 1
                counter += 1
            }
            return .normal
        }
        let value = try evalSync(sequence, context)
        switch value {
        case .list(let list): items = list.enumerated().map { (.int(Int64($0.offset)), $0.element) }
        case .map(let map): items = map.map { (.string($0.key), keySlot == nil ? .string($0.key) : $0.value) }
        case .string(let text): items = text.enumerated().map { (.int(Int64($0.offset)), .string(String($0.element))) }
        case .null: items = []
        default:
            throw fail(.type, "cannot loop over \(describe(value)); 'for' takes a list, map, string, range or command", sequence.position, context)
        }
        for (key, item) in items {
            try checkCancelled(position, context)
            if let keySlot { frame.slots[keySlot] = key }
            frame.slots[valueSlot] = item
            switch try execSync(body, context) {
            case .breakLoop: return .normal
            case .returned(let result): return .returned(result)
            case .normal, .continueLoop: break
            }
        }
        return .normal
    }
}
