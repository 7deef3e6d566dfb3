/// Calls of functions compiled whole, compiled to closures.
extension Compiler {
    /// Where a compiled call finds its callee.
    enum Callee {
        /// A variable's slot: the function is read where it is (see ``Interpreter/enterCompiled(at:count:_:_:)``).
        case slot(hops: Int, index: Int)
        /// Any other expression.
        case computed(Expression)

        init(_ expr: Expr) {
            if case .slot(let hops, let index) = PlainArgument(expr) {
                self = .slot(hops: hops, index: index)
            } else {
                self = .computed(expression(expr))
            }
        }
    }

    /// Enters a call of a callee with a number of arguments.
    typealias Entry = (Interpreter, Context, Int) throws -> CompiledCall

    private static func entry(_ callee: Callee, _ position: Position) -> Entry {
        switch callee {
        case .slot(let hops, let index):
            return { interpreter, context, count in
                try interpreter.enterCompiled(
                    at: context.frame.slots(up: hops) + index, count: count, position, context)
            }
        case .computed(let compute):
            return { interpreter, context, count in
                try interpreter.enterCompiled(try compute(interpreter, context), count: count, position, context)
            }
        }
    }

    /// A call of one of the program's synchronous functions, or of a sealed function in a variable the part cannot
    /// rebind (both checked when the part started).
    ///
    /// The arguments are computed first, left to right, then stored straight into the callee's frame. Up to three
    /// are held in locals on the way, each computed by a closure made for it: a closure taken out of an array (or an
    /// optional) is called through two reabstraction thunks.
    static func compiledCall(_ callee: Callee, _ arguments: [Expr], _ position: Position) -> Expression {
        let enter = entry(callee, position)
        // Each argument is moved into the callee's frame (`consume`): assigned as is, it was copied and the
        // original released after, a retain and a release of every string, list or map passed.
        switch arguments.count {
        case 0:
            return { interpreter, context in
                var call = try enter(interpreter, context, 0)
                return try interpreter.complete(&call)
            }
        case 1:
            let a = expression(arguments[0])
            return { interpreter, context in
                let x = try a(interpreter, context)
                var call = try enter(interpreter, context, 1)
                call.arguments[0] = consume x
                return try interpreter.complete(&call)
            }
        case 2:
            let a = expression(arguments[0])
            let b = expression(arguments[1])
            return { interpreter, context in
                let x = try a(interpreter, context)
                let y = try b(interpreter, context)
                var call = try enter(interpreter, context, 2)
                call.arguments[0] = consume x
                call.arguments[1] = consume y
                return try interpreter.complete(&call)
            }
        case 3:
            let a = expression(arguments[0])
            let b = expression(arguments[1])
            let c = expression(arguments[2])
            return { interpreter, context in
                let x = try a(interpreter, context)
                let y = try b(interpreter, context)
                let z = try c(interpreter, context)
                var call = try enter(interpreter, context, 3)
                call.arguments[0] = consume x
                call.arguments[1] = consume y
                call.arguments[2] = consume z
                return try interpreter.complete(&call)
            }
        default:
            let computeAll = list(arguments)
            return { interpreter, context in
                let values = try computeAll(interpreter, context)
                var call = try enter(interpreter, context, values.count)
                for index in values.indices { call.arguments[index] = values[index] }
                return try interpreter.complete(&call)
            }
        }
    }

    /// A call of a builtin that does not suspend: its arguments are computed onto the interpreter's
    /// ``ArgumentStack`` and read there.
    static func builtinCall(
        _ name: String, _ builtin: Builtin, _ arguments: [Expr], _ position: Position
    ) -> Expression {
        guard case .sync(let body) = builtin.body else {
            return { interpreter, context in
                throw interpreter.fail(.value, "\(name)() cannot run here", position, context)
            }
        }
        // Made only when it applies: a closure returned in an optional would be called through thunks.
        let plain = arguments.compactMap(PlainArgument.init)
        guard plain.count == arguments.count, (1...3).contains(plain.count) else {
            return generalBuiltinCall(name, builtin, body, arguments, position)
        }
        let borrowing = borrowingBuiltinCall(name, builtin, body, plain, position)
        if let short = builtin.lent, plain.count == 1, case .slot(hops: 0, let index) = plain[0] {
            // `len($parts)`, `upper($name)`: the short way reads the variable where it is, not a copy of it on the
            // argument stack; it runs no script code, so the slot lent as an argument does not change meanwhile.
            return { interpreter, context in
                let argument = Arguments(base: UnsafePointer(context.frame.slots + index), count: 1)
                if let value = short(argument, interpreter.textScratch) { return value }
                return try borrowing(interpreter, context)
            }
        }
        return borrowing
    }

    private static func generalBuiltinCall(
        _ name: String, _ builtin: Builtin, _ body: @escaping Builtin.Sync, _ arguments: [Expr], _ position: Position
    ) -> Expression {
        // The arguments are pushed by a chain of closures, one per argument, as a block runs its statements.
        var pushAll: (Interpreter, Context) throws -> Void = { _, _ in }
        for argument in arguments {
            let compute = expression(argument)
            let before = pushAll
            pushAll = { interpreter, context in
                try before(interpreter, context)
                interpreter.argumentStack.push(try compute(interpreter, context))
            }
        }
        let push = pushAll
        let count = arguments.count
        return { interpreter, context in
            let stack = interpreter.argumentStack
            let mark = stack.top
            defer { stack.pop(to: mark) }
            try push(interpreter, context)
            return try interpreter.callBuiltinSync(
                name, builtin, body, Arguments(base: stack.base + mark, count: count), position, context)
        }
    }

    /// An argument that computes nothing and cannot fail: a variable's slot, or a literal.
    enum PlainArgument {
        case slot(hops: Int, index: Int)
        case literal(Value)

        init?(_ expr: Expr) {
            switch expr {
            case .variable(.local(let index), _, _): self = .slot(hops: 0, index: index)
            case .variable(.outer(let hops, let index), _, _): self = .slot(hops: hops, index: index)
            case .literal(let value, _): self = .literal(value)
            default: return nil
            }
        }
    }

    /// A builtin call whose arguments are all variables and literals, as `get($m, $k, 0)` and `split($t, "/")`:
    /// each value is lent to the builtin, a bitwise copy on the stack, instead of copied (a map is three retains
    /// and releases). Nothing can change the variables while the builtin runs, as no synchronous builtin runs script
    /// code and no argument computes anything; literals live as long as the compiled call. The copies are dropped,
    /// not released, after.
    private static func borrowingBuiltinCall(
        _ name: String, _ builtin: Builtin, _ body: @escaping Builtin.Sync, _ plain: [PlainArgument],
        _ position: Position
    ) -> Expression {
        let lent = LentArguments(plain)
        if let short = builtin.lent {
            return { interpreter, context in
                try lent.with(interpreter, context) { arguments in
                    if let value = short(arguments, interpreter.textScratch) { return value }
                    return try interpreter.callBuiltinBody(name, builtin, body, arguments, position, context)
                }
            }
        }
        return { interpreter, context in
            try lent.with(interpreter, context) {
                try interpreter.callBuiltinBody(name, builtin, body, $0, position, context)
            }
        }
    }

    /// Up to three arguments lent onto the ``ArgumentStack`` for a call, and the literals they point into.
    struct LentArguments {
        let literals: LiteralStore
        let count: Int
        let a: LendableArgument
        let b: LendableArgument
        let c: LendableArgument

        init(_ plain: [PlainArgument]) {
            literals = LiteralStore(plain)
            count = plain.count
            a = literals.lendable(0)
            b = literals.lendable(1)
            c = literals.lendable(2)
        }

        /// Calls `body` with the arguments lent on the stack; they are dropped, not released, after.
        @inline(__always)
        func with(
            _ interpreter: Interpreter, _ context: Context, _ body: (Arguments) throws -> Value
        ) rethrows -> Value {
            let stack = interpreter.argumentStack
            let mark = stack.top
            defer { stack.top = mark }
            lend(a, to: stack, context)
            if count > 1 { lend(b, to: stack, context) }
            if count > 2 { lend(c, to: stack, context) }
            // Also what keeps the literals that `a`, `b` and `c` point into.
            return try withExtendedLifetime(literals) { try body(Arguments(base: stack.base + mark, count: count)) }
        }
    }

    /// Where a lent argument's value is: a variable's slot, or a literal's place in a ``LiteralStore``.
    struct LendableArgument {
        var hops = 0
        var index = 0
        var literal: UnsafePointer<Value>?
    }

    /// The literals of one compiled call, at addresses that stay put while it exists, and where each of its
    /// arguments is read from.
    final class LiteralStore {
        private let values: UnsafeMutablePointer<Value>
        private let count: Int
        private var arguments: [LendableArgument] = []

        init(_ plain: [PlainArgument]) {
            count = plain.count
            values = .allocate(capacity: count)
            for (position, argument) in plain.enumerated() {
                switch argument {
                case .slot(let hops, let index):
                    (values + position).initialize(to: .null)
                    arguments.append(LendableArgument(hops: hops, index: index))
                case .literal(let value):
                    (values + position).initialize(to: value)
                    arguments.append(LendableArgument(literal: values + position))
                }
            }
        }

        deinit {
            values.deinitialize(count: count)
            values.deallocate()
        }

        /// Where the argument at `position` is read from; a position past the last is never lent.
        func lendable(_ position: Int) -> LendableArgument {
            position < arguments.count ? arguments[position] : LendableArgument()
        }
    }

    @inline(__always)
    private static func lend(_ argument: LendableArgument, to stack: ArgumentStack, _ context: Context) {
        let source: UnsafePointer<Value>
        if let literal = argument.literal {
            source = literal
        } else {
            source = UnsafePointer(context.frame.slots(up: argument.hops) + argument.index)
        }
        stack.reserveOne()
        UnsafeMutableRawPointer(stack.base + stack.top).copyMemory(from: source, byteCount: MemoryLayout<Value>.stride)
        stack.top += 1
    }
}
