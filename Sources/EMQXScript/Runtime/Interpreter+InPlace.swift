/// Compound assignment in place: `items += [x]`, `text += "…"`, `counts[key] += 1` change the stored value where it
/// lives, so a list, string or map built in a loop grows in amortised constant time. Value semantics hold: the value
/// is taken out of its place first, so it is changed in place only when no one else holds it.
extension Interpreter {
    /// `target op= operand`, with `keys` the evaluated path of the target (`$m[k].list`).
    func compoundAssign(
        _ target: LValue, keys: [Value], _ op: BinaryOperator, _ operand: Value, _ position: Position,
        _ context: Context
    ) throws {
        try changeInPlace(target, context) { root in
            try update(&root, keys[...], target, context) { current in
                try combine(op, into: &current, operand, position, context)
            }
        }
    }

    /// `current op operand`, stored in `current`: whole numbers added or subtracted where they are (`total += n`),
    /// and `+` of a list, string or map to the same kind grows it in place.
    @inline(__always)
    func combine(
        _ op: BinaryOperator, into current: inout Value, _ operand: Value, _ position: Position, _ context: Context
    ) throws {
        if Self.combineWholeNumbers(op, into: &current, operand) { return }
        if op == .add, try appendInPlace(&current, operand, position, context) { return }
        current = try binary(op, current, operand, position, context)
    }

    /// `current + operand` or `current - operand` of whole numbers that do not overflow, stored in `current`; false,
    /// with nothing changed, for anything else. Apart from ``combine`` for callers that build its context only when
    /// this fails.
    @inline(__always)
    static func combineWholeNumbers(_ op: BinaryOperator, into current: inout Value, _ operand: Value) -> Bool {
        guard op == .add || op == .subtract, case .int(let value) = current, case .int(let amount) = operand else {
            return false
        }
        let (result, overflow) =
            op == .add ? value.addingReportingOverflow(amount) : value.subtractingReportingOverflow(amount)
        if overflow { return false }
        current = .int(result)
        return true
    }

    /// Walks `keys` into `container`, taking each child out of its parent while it changes, and applies `change`
    /// to the value found there.
    private func update(
        _ container: inout Value, _ keys: ArraySlice<Value>, _ target: LValue, _ context: Context,
        _ change: (inout Value) throws -> Void
    ) throws {
        guard let key = keys.first else { return try change(&container) }
        // Patterns bind from what `take` returns, a temporary: bound from a variable, the collection would keep a
        // second reference until the case ends, and every change would copy it.
        if case .map = container, case .map(var map) = take(&container) {
            defer { container = .map(map) }
            guard case .string(let name) = key else {
                throw fail(.type, "cannot index \(describe(.map(map))) with \(describe(key))", target.position, context)
            }
            guard let index = map.index(forKey: name) else {
                // A missing key reads as null, as `$m[k]` does: `+=` on it says what it cannot add.
                var child = Value.null
                try update(&child, keys.dropFirst(), target, context, change)
                map[name] = child
                return
            }
            var child = take(&map[valueAt: index])
            defer { map[valueAt: index] = child }
            try update(&child, keys.dropFirst(), target, context, change)
            return
        }
        if case .list = container, case .list(var list) = take(&container) {
            defer { container = .list(list) }
            guard case .int(let position) = key, let offset = listOffset(position, list.count) else {
                throw fail(
                    .index, "index \(key.displayText) is out of range for a list of \(list.count)", target.position,
                    context)
            }
            var child = take(&list[offset])
            defer { list[offset] = child }
            try update(&child, keys.dropFirst(), target, context, change)
            return
        }
        throw fail(.type, "cannot index \(describe(container)) with \(describe(key))", target.position, context)
    }

    /// `+` on a list, string or map that `value` alone holds: appended where it is. False for other operands (the
    /// general operator then answers, errors included).
    func appendInPlace(
        _ value: inout Value, _ operand: Value, _ position: Position, _ context: Context
    ) throws -> Bool {
        switch operand {
        case .list(let more):
            guard case .list = value else { return false }
            guard case .list(var items) = take(&value) else { return false }
            defer { value = .list(items) }
            guard items.count + more.count <= Self.maximumListCount else {
                throw fail(.value, "the joined list would exceed \(Self.maximumListCount) items", position, context)
            }
            items.append(contentsOf: more)
            return true
        case .string(let more):
            guard case .string = value else { return false }
            guard case .string(var text) = take(&value) else { return false }
            defer { value = .string(text) }
            guard text.utf8.count + more.utf8.count <= Self.maximumStringBytes else {
                throw fail(
                    .value, "the joined string would exceed \(Self.maximumStringBytes / 1_000_000) MB", position,
                    context)
            }
            text += more
            return true
        case .map(let more):
            guard case .map = value else { return false }
            guard case .map(var map) = take(&value) else { return false }
            defer { value = .map(map) }
            for (key, item) in more { map[key] = item }
            return true
        default:
            return false
        }
    }

    /// The value, leaving null in its place: the one reference to a collection moves out with it.
    func take(_ value: inout Value) -> Value {
        var taken = Value.null
        swap(&taken, &value)
        return taken
    }
}
