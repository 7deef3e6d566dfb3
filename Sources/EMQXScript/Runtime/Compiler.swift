import EMQXJSON

/// A compiled expression that cannot suspend.
///
/// Two concrete classes rather than one generic: a generic result type would make every
/// call go through reabstraction thunks.
final class CompiledExpression: @unchecked Sendable {
    let run: Compiler.Expression
    /// The user functions it calls synchronously, which must still be defined as they were (see ``SyncFunctions``).
    let requirements: [SyncRequirement]
    /// The calls it makes through variables, checked when it starts (see ``Purity``).
    let valueCalls: ValueCalls
    var valueCallees: [VariableRef] { valueCalls.callees }
    init(
        _ run: @escaping Compiler.Expression, requirements: [SyncRequirement] = [],
        valueCalls: ValueCalls = ValueCalls()
    ) {
        self.run = run
        self.requirements = requirements
        self.valueCalls = valueCalls
    }
}

/// A compiled statement (or function body) that cannot suspend.
final class CompiledStatement: @unchecked Sendable {
    let run: Compiler.Statement
    /// The user functions it calls synchronously, which must still be defined as they were (see ``SyncFunctions``).
    let requirements: [SyncRequirement]
    /// The calls it makes through variables, checked when it starts (see ``Purity``): for a function body, through
    /// its parameters and variables of the frames around it, as the body names them.
    let valueCalls: ValueCalls
    var valueCallees: [VariableRef] { valueCalls.callees }
    /// For a function body, the default values of the parameters from ``requiredCount`` on, each computed in the
    /// callee's frame after the arguments before it.
    let defaults: [DefaultValue]
    /// The fewest arguments a call of a function body may give: every parameter after them has a default value.
    let requiredCount: Int
    /// How many parameters a function body has: a call given fewer computes defaults. Read on every call, where
    /// reading `defaults` for its count retained and released the array.
    let parameterCount: Int

    /// A parameter's default value: a literal is kept as its value, not as code that returns it (a call through
    /// a closure held in an array, for each parameter left out).
    enum DefaultValue {
        case constant(Value)
        case computed(Compiler.Expression)

        init(_ expr: Expr) {
            switch expr {
            case .literal(let value, _), .synchronous(.literal(let value, _), _): self = .constant(value)
            default: self = .computed(Compiler.expression(expr))
            }
        }
    }

    init(
        _ run: @escaping Compiler.Statement, requirements: [SyncRequirement] = [],
        valueCalls: ValueCalls = ValueCalls(),
        defaults: [Expr?] = []
    ) {
        self.run = run
        self.requirements = requirements
        self.valueCalls = valueCalls
        parameterCount = defaults.count
        // Every parameter after the last without a default has one (the parser allows no other order).
        requiredCount = (defaults.lastIndex { $0 == nil } ?? -1) + 1
        self.defaults = defaults[requiredCount...].compactMap { $0.map(DefaultValue.init) }
    }
}

/// Compiles the parts of a program that cannot suspend into nested closures.
///
/// Walking the syntax tree costs a switch and a retain of each node's box at every step;
/// a closure tree pays that once, at parse time. Tight loops of arithmetic, string
/// building and map updates run 2–3 times faster this way (see `scripts/bench`).
enum Compiler {
    typealias Expression = (Interpreter, Context) throws -> Value
    typealias Statement = (Interpreter, Context) throws -> Flow

    static func expression(_ expr: Expr) -> Expression {
        if let read = localRead(expr) { return read }
        switch expr {
        case .synchronous(_, let compiled): return compiled.run
        case .literal(let value, _): return { _, _ in value }
        case .variable(.local(let slot), _, _): return { _, context in context.frame.slots[slot] }
        case .variable(.outer(let hops, let slot), _, _): return { _, context in context.frame.slots(up: hops)[slot] }
        case .variable(let ref, let name, let position):
            return { interpreter, context in try interpreter.read(ref, name: name, position, context) }
        case .interpolated(let parts, _): return interpolation(parts)
        case .list(let items, _):
            let values = list(items)
            return { interpreter, context in .list(try values(interpreter, context)) }
        case .map(let entries, _):
            let computes = entries.map { ($0.key, expression($0.value)) }
            if Set(entries.map(\.key)).count == entries.count {
                // Distinct keys, as a literal's nearly always are: every map it makes shares one copy of them (and of
                // their table), and only its values are new. A record built in a loop made its keys over each time.
                let shape = OrderedMap<Value>(uniqueKeysWithValues: entries.map { ($0.key, Value.null) })
                let values = computes.map(\.1)
                return { interpreter, context in
                    var made = ContiguousArray<Value>()
                    made.reserveCapacity(values.count)
                    for compute in values { made.append(try compute(interpreter, context)) }
                    return .map(OrderedMap(keysOf: shape, values: made))
                }
            }
            return { interpreter, context in
                var map = OrderedMap<Value>(minimumCapacity: computes.count)
                for (key, compute) in computes { map[key] = try compute(interpreter, context) }
                return .map(map)
            }
        case .field(let base, let name, let position):
            let compute = expression(base)
            return { interpreter, context in
                try interpreter.field(try compute(interpreter, context), name, position, context)
            }
        case .index(let base, let key, let position):
            let computeBase = expression(base)
            let computeKey = expression(key)
            return { interpreter, context in
                let value = try computeBase(interpreter, context)
                return try interpreter.index(value, try computeKey(interpreter, context), position, context)
            }
        case .unary(.not, let operand, _):
            let compute = expression(operand)
            return { interpreter, context in .bool(!(try compute(interpreter, context)).isTruthy) }
        case .unary(.negate, let operand, let position):
            let compute = expression(operand)
            return { interpreter, context in
                try interpreter.negate(try compute(interpreter, context), position, context)
            }
        case .binary(let op, let left, .literal(.string(let pattern), _), let position)
        where op == .matches || op == .notMatches:
            // A pattern written in the script is compiled once for the place it is written, not looked up by its text.
            let text = expression(left)
            let compiled = CompiledPattern()
            return { interpreter, context in
                let value = try text(interpreter, context)
                guard case .string(let string) = value else {
                    return try interpreter.binary(op, value, .string(pattern), position, context)
                }
                let found = try compiled.pattern(pattern, interpreter, position, context).matches(string)
                return .bool(op == .matches ? found : !found)
            }
        case .binary(let op, let left, let right, let position):
            return binary(op, expression(left), expression(right), position)
        case .and(let left, let right, _):
            let a = expression(left)
            let b = expression(right)
            return { interpreter, context in
                let value = try a(interpreter, context)
                return value.isTruthy ? try b(interpreter, context) : value
            }
        case .or(let left, let right, _):
            let a = expression(left)
            let b = expression(right)
            return { interpreter, context in
                let value = try a(interpreter, context)
                return value.isTruthy ? value : try b(interpreter, context)
            }
        case .range(let low, let high, let inclusive, let position):
            let a = expression(low)
            let b = expression(high)
            return { interpreter, context in
                let (from, to) = try interpreter.bounds(
                    try a(interpreter, context), try b(interpreter, context), inclusive, position, context)
                guard to - from <= 10_000_000 else {
                    throw interpreter.fail(
                        .value,
                        "the range \(from)..<\(to) is too large to hold as a list; loop over it with 'for' instead",
                        position, context)
                }
                return .list(from < to ? (from..<to).map { .int($0) } : [])
            }
        case .call(let name, let ref?, let arguments, let position):
            // One of the program's synchronous functions, or a sealed function in a variable (checked when the part
            // started).
            return compiledCall(Callee(.variable(ref, name: name, position)), arguments, position)
        case .call(let name, nil, let arguments, let position):
            guard let builtin = Builtins.table[name] else {
                return { interpreter, context in
                    throw interpreter.fail(.undefinedCommand, "undefined function '\(name)'", position, context)
                }
            }
            return builtinCall(name, builtin, arguments, position)
        case .lambda(let declaration):
            return { _, context in .function(FunctionValue(declaration: declaration, captured: context.frame)) }
        case .callValue(let callee, let arguments, let position):
            // A sealed function in a variable the part cannot rebind (checked when the part started).
            return compiledCall(Callee(callee), arguments, position)
        case .command(let call):
            // A builtin that does not suspend, in command form: no function or host command of its name shadows it
            // (checked when the part started).
            if let builtin = Builtins.table[call.name], builtin.isSync, let arguments = call.valueArguments {
                return builtinCall(call.name, builtin, arguments, call.position)
            }
            let position = expr.position
            return { interpreter, context in
                throw interpreter.fail(.value, "internal: a suspending expression was compiled", position, context)
            }
        }
    }

    /// Integer arithmetic and comparison without going through the general operator code.
    static func binary(
        _ op: BinaryOperator, _ a: @escaping Expression, _ b: @escaping Expression, _ position: Position
    ) -> Expression {
        switch op {
        case .equal, .notEqual:
            let equal = op == .equal
            return { interpreter, context in
                let x = try a(interpreter, context)
                return equality(x, try b(interpreter, context), equal)
            }
        case .add, .subtract, .multiply, .remainder, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return { interpreter, context in
                let x = try a(interpreter, context)
                let y = try b(interpreter, context)
                if case .int(let p) = x, case .int(let q) = y {
                    switch op {
                    case .add:
                        let (r, o) = p.addingReportingOverflow(q)
                        if !o { return .int(r) }
                    case .subtract:
                        let (r, o) = p.subtractingReportingOverflow(q)
                        if !o { return .int(r) }
                    case .multiply:
                        let (r, o) = p.multipliedReportingOverflow(by: q)
                        if !o { return .int(r) }
                    case .remainder: if q != 0 && q != -1 { return .int(p % q) }
                    case .less: return .bool(p < q)
                    case .lessOrEqual: return .bool(p <= q)
                    case .greater: return .bool(p > q)
                    case .greaterOrEqual: return .bool(p >= q)
                    default: break
                    }
                }
                return try interpreter.binary(op, x, y, position, context)
            }
        default:
            return { interpreter, context in
                let x = try a(interpreter, context)
                return try interpreter.binary(op, x, try b(interpreter, context), position, context)
            }
        }
    }

    /// `x == y` (`equal`) or `x != y`, as the general operator says: values compared by value, whole numbers at once.
    /// Asked of the two values where they are: taking a string out of each to compare copied both.
    @inline(__always)
    static func equality(_ x: Value, _ y: Value, _ equal: Bool) -> Value {
        if case .int(let p) = x, case .int(let q) = y { return .bool((p == q) == equal) }
        return .bool((x == y) == equal)
    }

    /// The keys of an assignment's path: fixed for `$m.a.b`, computed for `$l[i]`.
    static func lvalueKeys(_ target: LValue) -> (Interpreter, Context) throws -> [Value] {
        if let keys = target.fieldKeys { return { _, _ in keys } }
        return list(
            target.path.map { step in
                switch step {
                case .field(let name): return .literal(.string(name), target.position)
                case .index(let key): return key
                }
            })
    }
}
