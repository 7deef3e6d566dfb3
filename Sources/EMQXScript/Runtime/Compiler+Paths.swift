/// Changes along a path into a variable, `$stats[site].count += 1` or `$grid[y][x] = v`, made where the values are
/// held: the keys go onto the argument stack instead of into a new array, and the walk down the path passes each
/// container on as `inout`, where the general walk's closures copied what they captured at every step (a `+=` two
/// steps deep cost three times CPython's time).
///
/// A path that is not all there as the change expects (a missing key, a step that is not a map or a list, a key of
/// the wrong kind) is left as it was, and the general path then makes the change or says what is wrong, from the
/// same keys and value: nothing is computed twice.
extension Compiler {
    /// Where the variable at the root of a path is, for the variables a compiled statement can reach directly.
    private static func rootCell(_ variable: VariableRef) -> ((Context) -> UnsafeMutablePointer<Value>)? {
        switch variable {
        case .local(let slot): return { context in context.frame.slots + slot }
        case .outer(let hops, let slot): return { context in context.frame.slots(up: hops) + slot }
        case .global: return nil
        }
    }

    /// Pushes the path's keys onto the argument stack, in order: a field's name, or what an index computes.
    private static func pushKeys(_ target: LValue) -> (Interpreter, Context) throws -> Void {
        var pushAll: (Interpreter, Context) throws -> Void = { _, _ in }
        for step in target.path {
            let before = pushAll
            switch step {
            case .field(let name):
                let key = Value.string(name)
                pushAll = { interpreter, context in
                    try before(interpreter, context)
                    interpreter.argumentStack.push(key)
                }
            case .index(let expr):
                let compute = expression(expr)
                pushAll = { interpreter, context in
                    try before(interpreter, context)
                    interpreter.argumentStack.push(try compute(interpreter, context))
                }
            }
        }
        return pushAll
    }

    /// `target op= expr` for a target with a path; nil when its variable is a global.
    static func compoundAssignAlongPath(
        _ target: LValue, _ op: BinaryOperator, _ expr: Expr, _ position: Position
    ) -> Statement? {
        guard let root = rootCell(target.variable) else { return nil }
        let push = pushKeys(target)
        let compute = expression(expr)
        let hints = PathHints(count: target.path.count)
        return { interpreter, context in
            let stack = interpreter.argumentStack
            let mark = stack.top
            defer { stack.pop(to: mark) }
            try push(interpreter, context)
            let operand = try compute(interpreter, context)
            let keys = Arguments(base: stack.base + mark, count: stack.top - mark)
            let path = PathWalk(
                keys: keys, hints: hints, interpreter: interpreter, position: position, context: context)
            if try !path.change(&root(context).pointee, from: 0, .combine(op, operand)) {
                try interpreter.compoundAssign(target, keys: Array(keys), op, operand, position, context)
            }
            return .normal
        }
    }

    /// `target = expr` for a target two or more steps deep; nil when its variable is a global.
    static func assignmentAlongPath(_ target: LValue, _ expr: Expr) -> Statement? {
        guard let root = rootCell(target.variable), target.path.count >= 2 else { return nil }
        let push = pushKeys(target)
        let compute = expression(expr)
        let hints = PathHints(count: target.path.count)
        return { interpreter, context in
            let value = try compute(interpreter, context)
            let stack = interpreter.argumentStack
            let mark = stack.top
            defer { stack.pop(to: mark) }
            try push(interpreter, context)
            let keys = Arguments(base: stack.base + mark, count: stack.top - mark)
            let path = PathWalk(
                keys: keys, hints: hints, interpreter: interpreter, position: target.position, context: context)
            if try !path.change(&root(context).pointee, from: 0, .store(value)) {
                try interpreter.store(value, into: target, keys: Array(keys), context)
            }
            return .normal
        }
    }
}

/// One walk down a path of keys to the change at its end.
///
/// Recursion through `inout` values, not closures: each closure on the way copied what it captured (the operand,
/// the hints, the interpreter) at every step.
private struct PathWalk {
    /// What happens at the end of the path.
    enum Change {
        /// `op=` with the operand, on the value the whole path names.
        case combine(BinaryOperator, Value)
        /// The value stored under the last key, in the container the rest of the path names.
        case store(Value)
    }

    // Unowned: the statement running the walk holds all of them, and a walk is made on every run.
    let keys: Arguments
    unowned(unsafe) let hints: PathHints
    unowned(unsafe) let interpreter: Interpreter
    let position: Position
    private unowned(unsafe) let frame: Frame
    private unowned(unsafe) let source: SourceText

    init(keys: Arguments, hints: PathHints, interpreter: Interpreter, position: Position, context: Context) {
        self.keys = keys
        self.hints = hints
        self.interpreter = interpreter
        self.position = position
        frame = context.frame
        source = context.source
    }

    private var context: Context { Context(frame: frame, source: source) }

    /// Makes `change` at `keys[depth...]` under `value`, each container on the way changed where it is held (copied
    /// first only when another value shares it). False, with nothing changed, when a step is not there.
    func change(_ value: inout Value, from depth: Int, _ change: Change) throws -> Bool {
        if depth == keys.count, case .combine(let op, let operand) = change {
            if !Interpreter.combineWholeNumbers(op, into: &value, operand) {
                try interpreter.combine(op, into: &value, operand, position, context)
            }
            return true
        }
        if depth == keys.count - 1, case .store(let newValue) = change {
            return store(newValue, into: &value, under: keys[depth], at: depth)
        }
        // Tested without binding: a copy of the container alive while it changes would make it copy itself.
        if case .map = value, case .string(let name) = keys[depth] {
            guard case .map(var map) = interpreter.take(&value) else { preconditionFailure("a map, as checked") }
            defer { value = .map(map) }
            guard let index = hints.find(name, in: map, at: depth) else { return false }
            return try self.change(&map[valueAt: index], from: depth + 1, change)
        }
        if case .list = value, case .int(let position) = keys[depth] {
            guard case .list(var list) = interpreter.take(&value) else { preconditionFailure("a list, as checked") }
            defer { value = .list(list) }
            guard let offset = interpreter.listOffset(position, list.count) else { return false }
            return try self.change(&list[offset], from: depth + 1, change)
        }
        return false
    }

    /// Stores `newValue` under `key` of the map or list in `container`: a map takes any string key, a list an index
    /// in range. False for anything else, which the general path answers.
    private func store(_ newValue: Value, into container: inout Value, under key: Value, at depth: Int) -> Bool {
        if case .map = container, case .string(let name) = key {
            guard case .map(var map) = interpreter.take(&container) else { preconditionFailure("a map, as checked") }
            if let index = hints.find(name, in: map, at: depth) {
                map[valueAt: index] = newValue
            } else {
                map[name] = newValue
            }
            container = .map(map)
            return true
        }
        if case .list = container, case .int(let position) = key {
            guard case .list(var list) = interpreter.take(&container) else { preconditionFailure("a list, as checked") }
            defer { container = .list(list) }
            guard let offset = interpreter.listOffset(position, list.count) else { return false }
            list[offset] = newValue
            return true
        }
        return false
    }
}
