/// A call of a function compiled whole, entered: its arguments go straight into its frame, then it runs.
///
/// Compiled code computes the arguments, enters the call, stores them in the frame's first slots and runs it: no
/// argument list between, and the frame comes from (and goes back to) the interpreter's ``FramePool``.
struct CompiledCall: ~Copyable {
    let body: CompiledStatement
    var context: Context
    /// How many arguments the caller gives; the parameters after them take their default values when it runs.
    let given: Int

    /// The frame's first slots, where the arguments go.
    var arguments: UnsafeMutablePointer<Value> { context.frame.slots }
}

extension Interpreter {
    /// Enters a call of `callee` with `count` arguments: one of the program's synchronous functions (see
    /// ``SyncFunctions``) or a sealed one in a variable (see ``Purity``).
    @inline(__always)
    func enterCompiled(
        _ callee: consuming Value, count: Int, _ position: Position, _ context: Context
    ) throws -> CompiledCall {
        try enterCompiled(lent: callee, count: count, position, context)
    }

    /// Enters a call of the function in a variable's slot, read in place: a copy of it was a retain and a release of
    /// the function on every call. It is moved out for the entry and put back (no script code runs meanwhile); held
    /// where it was, the compiler would copy it anyway, in case the entry changes that memory.
    @inline(__always)
    func enterCompiled(
        at place: UnsafeMutablePointer<Value>, count: Int, _ position: Position, _ context: Context
    ) throws -> CompiledCall {
        let callee = place.move()
        do {
            let call = try enterCompiled(lent: callee, count: count, position, context)
            place.initialize(to: consume callee)
            return call
        } catch {
            place.initialize(to: consume callee)
            throw error
        }
    }

    /// The checks of both entries above, on a callee the caller holds: the function is borrowed, not copied.
    @inline(__always)
    private func enterCompiled(
        lent callee: borrowing Value, count: Int, _ position: Position, _ context: Context
    ) throws -> CompiledCall {
        switch callee {
        case .function(let function):
            guard let body = function.declaration.compiledBody else {
                throw fail(.value, "internal: a suspending function was called synchronously", position, context)
            }
            return try enterCompiled(function, body, count: count, position, context)
        default:
            throw fail(.type, "cannot call \(describe(copy callee)); it is not a function", position, context)
        }
    }

    /// Enters a call of a function compiled whole: the same checks as any call, then a frame for its arguments.
    func enterCompiled(
        _ function: FunctionValue, _ body: CompiledStatement, count: Int, _ position: Position, _ context: Context
    ) throws -> CompiledCall {
        let declaration = function.declaration
        if count < body.requiredCount || count > body.parameterCount || callDepth >= maximumCallDepth {
            throw uncommonCallError(declaration, count, position, context)
        }
        try checkCancelled(position, context)
        let frame = framePool.take(slotCount: declaration.slotCount, parent: function.captured)
        return CompiledCall(body: body, context: Context(frame: frame, source: declaration.source), given: count)
    }

    /// What a call with a parameter left without a value, too many arguments, or nested too deep says: what any call
    /// says. Apart, so that the common call stays small enough to inline.
    @inline(never)
    private func uncommonCallError(
        _ declaration: FunctionDecl, _ count: Int, _ position: Position, _ context: Context
    ) -> any Error {
        do {
            try checkCall(declaration, count, named: [:], position, context)
        } catch {
            return error
        }
        let missing = declaration.parameters[count...].firstIndex { $0.defaultValue == nil } ?? count
        let name = declaration.parameters[missing].name
        return fail(.argumentCount, "\(declaration.name)() needs a value for '\(name)'", position, context)
    }

    /// Runs an entered call whose arguments are in place.
    ///
    /// The caller then hands the frame back with ``finish(_:)``: doing it here, on a copy of the call, costs a
    /// retain and release of everything in it.
    func run(_ call: borrowing CompiledCall) throws -> Value {
        if call.given < call.body.parameterCount { try fillDefaults(call) }
        callDepth += 1
        defer { callDepth -= 1 }
        if case .returned(let value) = try call.body.run(self, call.context) { return value }
        return .null
    }

    /// The default values of the parameters after the arguments given, each computed in the callee's frame, where
    /// the parameters before it are already set (as the general evaluator does).
    private func fillDefaults(_ call: borrowing CompiledCall) throws {
        let body = call.body
        for slot in call.given..<body.parameterCount {
            switch body.defaults[slot - body.requiredCount] {
            case .constant(let value): call.context.frame.slots[slot] = value
            case .computed(let compute): call.context.frame.slots[slot] = try compute(self, call.context)
            }
        }
    }

    /// After a call: its frame goes back to the pool unless something kept it (a lambda made in the call).
    func finish(_ call: inout CompiledCall) {
        framePool.give(&call.context.frame)
    }

    /// Runs an entered call, then hands its frame back.
    @inline(__always)
    func complete(_ call: inout CompiledCall) throws -> Value {
        let result = try run(call)
        finish(&call)
        return result
    }

    /// Enters, runs and finishes a call of a function compiled whole with arguments in a list.
    func callCompiled(
        _ function: FunctionValue, _ body: CompiledStatement, _ values: [Value], _ position: Position,
        _ context: Context
    ) throws -> Value {
        var call = try enterCompiled(function, body, count: values.count, position, context)
        for index in values.indices { call.arguments[index] = values[index] }
        return try complete(&call)
    }
}
