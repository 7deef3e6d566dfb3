/// `counts[key] = get($counts, $key, 0) + 1`, the counting idiom of report scripts, compiled to one lookup.
///
/// The general path finds the key twice (`get`, then the store); this finds it once and adds in place. Its operands
/// compute nothing, so the order it reads them in cannot show; a failing `+` throws as the general path's would,
/// with the map unchanged.
struct CounterParts {
    let slot: Int
    let keySlot: Int
    let fallback: Expr
    let amount: Expr
    let position: Position

    /// The parts, when `expr` assigned to `target` is the idiom on a map in a local variable with a variable key and
    /// plain operands; nil otherwise.
    init?(_ target: LValue, _ expr: Expr) {
        guard case .local(let slot) = target.variable, target.path.count == 1,
            case .index(.variable(.local(let keySlot), _, _)) = target.path[0],
            case .binary(.add, .call("get", nil, let arguments, _), let amount, let position) = expr,
            arguments.count == 3, case .variable(.local(slot), _, _) = arguments[0],
            case .variable(.local(keySlot), _, _) = arguments[1],
            Compiler.PlainArgument(arguments[2]) != nil, Compiler.PlainArgument(amount) != nil
        else { return nil }
        self.slot = slot
        self.keySlot = keySlot
        self.fallback = arguments[2]
        self.amount = amount
        self.position = position
    }
}

extension Compiler {
    /// The counting idiom (see ``CounterParts``); `general` runs when the variable holds no map or the key is no
    /// string.
    static func counter(_ parts: CounterParts, otherwise general: @escaping Statement) -> Statement {
        let slot = parts.slot
        let keySlot = parts.keySlot
        let position = parts.position
        let computeFallback = expression(parts.fallback)
        let computeAmount = expression(parts.amount)
        return { interpreter, context in
            let cell = context.frame.slots + slot
            guard case .map = cell.pointee, case .string(let name) = context.frame.slots[keySlot] else {
                return try general(interpreter, context)
            }
            let amount = try computeAmount(interpreter, context)
            guard case .map(var map) = cell.move() else { preconditionFailure("a map, as checked") }
            defer { cell.initialize(to: .map(map)) }
            if let index = map.index(forKey: name) {
                try map.withUnsafeMutableValues { values in
                    values[index] = try add(values[index], amount, interpreter, position, context)
                }
            } else {
                map[name] = try add(try computeFallback(interpreter, context), amount, interpreter, position, context)
            }
            return .normal
        }
    }

    @inline(__always)
    private static func add(
        _ x: Value, _ y: Value, _ interpreter: Interpreter, _ position: Position, _ context: Context
    ) throws -> Value {
        if case .int(let p) = x, case .int(let q) = y {
            let (sum, overflow) = p.addingReportingOverflow(q)
            if !overflow { return .int(sum) }
        }
        return try interpreter.binary(.add, x, y, position, context)
    }
}
