/// Reads of a local variable's list or map where the variable keeps it, and comparisons with a literal where the
/// closure keeps it: the common shapes of a loop's body, compiled without the copies the general forms make.
extension Compiler {
    /// The compiled form of `expr` when it is one of these reads; nil otherwise.
    static func localRead(_ expr: Expr) -> Expression? {
        switch expr {
        case .field(.variable(.local(let slot), _, _), let name, let position):
            // `$m.count`: look into the slot, trying where the key was found last time before hashing it.
            let hint = IndexHint()
            return { interpreter, context in
                if let member = Value.member(at: context.frame.slots + slot, name, hint) { return member }
                return try interpreter.field(context.frame.slots[slot], name, position, context)
            }
        case .index(.variable(.local(let slot), _, _), let key, let position):
            // `$parts[$i]`, `$counts[$k]`: read where the variable keeps the list or map, not from a copy of it.
            let computeKey = expression(key)
            return { interpreter, context in
                let key = try computeKey(interpreter, context)
                if case .int(let index) = key, let item = Value.item(at: context.frame.slots + slot, index, interpreter)
                {
                    return item
                }
                if case .string(let name) = key, let value = Value.value(at: context.frame.slots + slot, forKey: name) {
                    return value
                }
                return try interpreter.index(context.frame.slots[slot], key, position, context)
            }
        case .binary(.contains, let left, .variable(.local(let slot), _, _), let position):
            // `key in $seen`: the key is looked up where the variable keeps the map, not in a copy of it.
            let computeKey = expression(left)
            return { interpreter, context in
                let key = try computeKey(interpreter, context)
                if case .string(let name) = key, let found = Value.holdsKey(at: context.frame.slots + slot, name) {
                    return .bool(found)
                }
                return try interpreter.binary(.contains, key, context.frame.slots[slot], position, context)
            }
        case .binary(let op, let left, .literal(let literal, _), _) where op == .equal || op == .notEqual:
            // `$f[$i] == "#"`: the literal compared where the closure keeps it, neither computed nor copied.
            let compute = expression(left)
            let equal = op == .equal
            return { interpreter, context in equality(try compute(interpreter, context), literal, equal) }
        default: return nil
        }
    }
}
