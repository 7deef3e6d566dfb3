import EMQXJSON

/// `x = append($x, …)`, `x = set($x, key, v)` and `x = remove($x, key)`, compiled to change the collection where the
/// variable stores it.
///
/// The builtins alone cannot: while one runs, the variable still holds the collection, so changing it makes a copy
/// of every item, and a loop of them takes time that grows with the square of the size. Here the collection is
/// moved out of the variable, changed and put back. The items, key and value are computed first, as the builtin's
/// arguments are; anything the fast ways do not cover (another type, a key out of range) goes to the builtin with
/// the values already computed, so it fails with the builtin's error and side effects are not repeated.
extension Compiler {
    /// The in-place form of `slot = expr`, when `expr` is one of the three calls on the variable itself.
    static func updateInPlace(_ slot: Int, _ expr: Expr) -> Statement? {
        guard case .call(let name, nil, let arguments, let position) = expr, let first = arguments.first,
            case .variable(.local(slot), _, _) = first, let builtin = Builtins.table[name],
            case .sync(let body) = builtin.body
        else { return nil }
        let rest = Array(arguments.dropFirst())
        let fallback = { (interpreter: Interpreter, context: Context, values: [Value]) throws -> Value in
            let cell = context.frame.slots + slot
            return try Arguments.with([cell.pointee] + values) {
                try interpreter.callBuiltinSync(name, builtin, body, $0, position, context)
            }
        }
        switch (name, rest.count) {
        case ("append", 1): return appendOneInPlace(slot, expression(rest[0]), fallback)
        case ("append", 2...): return appendInPlace(slot, list(rest), fallback)
        case ("set", 2): return setInPlace(slot, expression(rest[0]), expression(rest[1]), fallback)
        case ("remove", 1): return removeInPlace(slot, expression(rest[0]), fallback)
        default: return nil
        }
    }

    /// `x += [item]`: the item appended where the variable stores the list, without a list of one made for it.
    static func appendLiteralInPlace(_ slot: Int, _ expr: Expr, _ position: Position) -> Statement? {
        guard case .list(let items, _) = expr, items.count == 1 else { return nil }
        let item = expression(items[0])
        return { interpreter, context in
            let value = try item(interpreter, context)
            let cell = context.frame.slots + slot
            if !changeList(at: cell, { $0.append(value) }) {
                try interpreter.combine(.add, into: &cell.pointee, .list([value]), position, context)
            }
            return .normal
        }
    }

    /// Applies `change` to the list at `cell`, moved out of it and back so that no second holder makes the change
    /// copy it; false, with nothing changed, when the cell holds no list.
    @inline(__always)
    private static func changeList(at cell: UnsafeMutablePointer<Value>, _ change: (inout [Value]) -> Void) -> Bool {
        guard case .list = cell.pointee, case .list(var list) = cell.move() else { return false }
        change(&list)
        cell.initialize(to: .list(list))
        return true
    }

    private typealias Fallback = (Interpreter, Context, [Value]) throws -> Value

    private static func appendInPlace(
        _ slot: Int, _ items: @escaping (Interpreter, Context) throws -> [Value], _ fallback: @escaping Fallback
    ) -> Statement {
        return { interpreter, context in
            let more = try items(interpreter, context)
            let cell = context.frame.slots + slot
            if !changeList(at: cell, { $0.append(contentsOf: more) }) {
                cell.pointee = try fallback(interpreter, context, more)
            }
            return .normal
        }
    }

    /// One item, the usual case, appended without an array of the items made and freed on every call.
    private static func appendOneInPlace(
        _ slot: Int, _ item: @escaping Expression, _ fallback: @escaping Fallback
    ) -> Statement {
        return { interpreter, context in
            let item = try item(interpreter, context)
            let cell = context.frame.slots + slot
            if !changeList(at: cell, { $0.append(item) }) {
                cell.pointee = try fallback(interpreter, context, [item])
            }
            return .normal
        }
    }

    private static func setInPlace(
        _ slot: Int, _ key: @escaping Expression, _ value: @escaping Expression, _ fallback: @escaping Fallback
    ) -> Statement {
        return { interpreter, context in
            let key = try key(interpreter, context)
            let value = try value(interpreter, context)
            let cell = context.frame.slots + slot
            if !set(key, to: value, in: cell, interpreter) {
                cell.pointee = try fallback(interpreter, context, [key, value])
            }
            return .normal
        }
    }

    private static func removeInPlace(
        _ slot: Int, _ key: @escaping Expression, _ fallback: @escaping Fallback
    ) -> Statement {
        return { interpreter, context in
            let key = try key(interpreter, context)
            let cell = context.frame.slots + slot
            if case .string(let name) = key, case .map = cell.pointee, case .map(var map) = cell.move() {
                map.removeValue(forKey: name)
                cell.initialize(to: .map(map))
            } else if case .int(let index) = key, let offset = listOffset(cell, index, interpreter),
                case .list(var list) = cell.move()
            {
                list.remove(at: offset)
                cell.initialize(to: .list(list))
            } else {
                cell.pointee = try fallback(interpreter, context, [key])
            }
            return .normal
        }
    }

    /// Sets `key` of the map or list `cell` holds to `value`, where it is stored (also `items[i] = v`); false, and
    /// nothing changed, when `cell` holds neither or the key does not fit: the caller's general path says why.
    static func set(
        _ key: Value, to value: Value, in cell: UnsafeMutablePointer<Value>, _ interpreter: Interpreter
    ) -> Bool {
        if case .string(let name) = key, case .map = cell.pointee, case .map(var map) = cell.move() {
            map[name] = value
            cell.initialize(to: .map(map))
            return true
        }
        if case .int(let index) = key, let offset = listOffset(cell, index, interpreter),
            case .list(var list) = cell.move()
        {
            list[offset] = value
            cell.initialize(to: .list(list))
            return true
        }
        return false
    }

    /// Where `index` is in the list `cell` holds; nil when it holds another value or the index is out of range. The
    /// list is not bound past this call: a second reference to it would make the change copy it.
    private static func listOffset(
        _ cell: UnsafeMutablePointer<Value>, _ index: Int64, _ interpreter: Interpreter
    ) -> Int? {
        guard case .list(let list) = cell.pointee else { return nil }
        return interpreter.listOffset(index, list.count)
    }
}
