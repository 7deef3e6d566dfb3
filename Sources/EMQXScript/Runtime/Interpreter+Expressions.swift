import EMQXJSON

extension Interpreter {
    func eval(_ expr: Expr, _ context: Context) async throws -> Value {
        switch expr {
        case .literal(let value, _): return value
        case .variable(let ref, let name, let position): return try read(ref, name: name, position, context)
        case .interpolated(let parts, _):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .expression(let inner): text += try await eval(inner, context).displayText
                }
            }
            return .string(text)
        case .list(let items, _):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try await eval(item, context)) }
            return .list(values)
        case .map(let entries, _):
            var map = OrderedMap<Value>(minimumCapacity: entries.count)
            for entry in entries { map[entry.key] = try await eval(entry.value, context) }
            return .map(map)
        case .field(let base, let name, let position):
            return try field(try await eval(base, context), name, position, context)
        case .index(let base, let key, let position):
            return try index(try await eval(base, context), try await eval(key, context), position, context)
        case .unary(let op, let operand, let position):
            let value = try await eval(operand, context)
            switch op {
            case .not: return .bool(!value.isTruthy)
            case .negate: return try negate(value, position, context)
            }
        case .binary(let op, let left, let right, let position):
            let a = try await eval(left, context)
            let b = try await eval(right, context)
            return try binary(op, a, b, position, context)
        case .and(let left, let right, _):
            let a = try await eval(left, context)
            return a.isTruthy ? try await eval(right, context) : a
        case .or(let left, let right, _):
            let a = try await eval(left, context)
            return a.isTruthy ? a : try await eval(right, context)
        case .range(let low, let high, let inclusive, let position):
            let (from, to) = try await rangeBounds(low, high, inclusive, position, context)
            guard to - from <= 10_000_000 else {
                throw fail(
                    .value, "the range \(from)..<\(to) is too large to hold as a list; loop over it with 'for' instead",
                    position, context)
            }
            return .list(from < to ? (from..<to).map { .int($0) } : [])
        case .call(let name, let ref, let arguments, let position):
            return try await callNamed(name, ref, arguments, position, context)
        case .callValue(let callee, let arguments, let position):
            let function = try await eval(callee, context)
            var values: [Value] = []
            for argument in arguments { values.append(try await eval(argument, context)) }
            return try await callValue(function, values, named: [:], position, context)
        case .lambda(let declaration):
            return .function(FunctionValue(declaration: declaration, captured: context.frame))
        case .command(let call):
            let value = try await runCommand(call, context)
            return call.captures ? try await materialize(value, call.position, context) : value
        case .synchronous(let original, let compiled):
            // A function it calls was redefined since it was compiled: the general evaluator calls the new one.
            guard holds(compiled.requirements), admits(compiled.valueCalls, context) else {
                return try await eval(original, context)
            }
            return try compiled.run(self, context)
        }
    }

    /// The bounds of `a..b` (inclusive) or `a..<b`, as a half-open pair.
    func rangeBounds(
        _ low: Expr, _ high: Expr, _ inclusive: Bool, _ position: Position, _ context: Context
    ) async throws -> (Int64, Int64) {
        let a = try await eval(low, context)
        return try bounds(a, try await eval(high, context), inclusive, position, context)
    }

    func bounds(
        _ a: Value, _ b: Value, _ inclusive: Bool, _ position: Position, _ context: Context
    ) throws -> (Int64, Int64) {
        guard case .int(let from) = a, case .int(let to) = b else {
            throw fail(.type, "a range needs integers, not \(describe(a)) and \(describe(b))", position, context)
        }
        if inclusive {
            guard to < Int64.max else { throw fail(.overflow, "the range end \(to) is too large", position, context) }
            return (from, to + 1)
        }
        return (from, to)
    }

    func read(_ ref: VariableRef, name: String, _ position: Position, _ context: Context) throws -> Value {
        switch ref {
        case .local(let slot): return context.frame.slots[slot]
        case .outer(let hops, let slot): return context.frame.slots(up: hops)[slot]
        case .global(let name):
            guard let slot = globals.slot(of: name), slot < globalFrame.count else {
                let hint =
                    host.hasCommand(name) ? "; '\(name)' is a command: inside an expression write $(\(name) …)" : ""
                throw fail(.undefinedVariable, "undefined variable '\(name)'\(hint)", position, context)
            }
            return globalFrame.slots[slot]
        }
    }

    func write(_ value: Value, to ref: VariableRef, name: String, _ position: Position, _ context: Context) throws {
        switch ref {
        case .local(let slot): context.frame.slots[slot] = value
        case .outer(let hops, let slot): context.frame.slots(up: hops)[slot] = value
        case .global(let name):
            guard let slot = globals.slot(of: name), slot < globalFrame.count else {
                throw fail(.undefinedVariable, "undefined variable '\(name)'", position, context)
            }
            globalFrame.slots[slot] = value
        }
    }

    func frame(of ref: VariableRef, _ context: Context) -> (Frame, Int)? {
        switch ref {
        case .local(let slot): return (context.frame, slot)
        case .outer(let hops, let slot):
            var frame = context.frame
            for _ in 0..<hops { frame = frame.parent ?? frame }
            return (frame, slot)
        case .global(let name): return globalPlace(name)
        }
    }

    /// Where the global `name` lives; nil while no global of that name is defined.
    func globalPlace(_ name: String) -> (Frame, Int)? {
        guard let slot = globals.slot(of: name), slot < globalFrame.count else { return nil }
        return (globalFrame, slot)
    }

    func load(_ target: LValue, keys: [Value], _ context: Context) throws -> Value {
        var value = try read(target.variable, name: target.name, target.position, context)
        for key in keys { value = try index(value, key, target.position, context) }
        return value
    }

    /// Writes through `$x.a[0].b = v`, changing the stored value in place.
    func store(_ value: Value, into target: LValue, _ context: Context) async throws {
        var keys: [Value] = []
        for step in target.path {
            switch step {
            case .field(let name): keys.append(.string(name))
            case .index(let key): keys.append(try await eval(key, context))
            }
        }
        try store(value, into: target, keys: keys, context)
    }

    func store(_ value: Value, into target: LValue, keys: [Value], _ context: Context) throws {
        try changeInPlace(target, context) { root in try assign(value, into: &root, keys[...], target, context) }
    }

    /// Changes a variable's value where it is stored: it is taken out of its slot first, so a collection no one else
    /// holds is changed in place rather than copied, and put back afterwards (even when the change throws).
    func changeInPlace(_ target: LValue, _ context: Context, _ change: (inout Value) throws -> Void) throws {
        guard let (frame, slot) = frame(of: target.variable, context) else {
            throw fail(.undefinedVariable, "undefined variable '\(target.name)'", target.position, context)
        }
        var root = take(&frame.slots[slot])
        defer { frame.slots[slot] = root }
        try change(&root)
    }

    private func assign(
        _ value: Value, into container: inout Value, _ keys: ArraySlice<Value>, _ target: LValue, _ context: Context
    ) throws {
        guard let key = keys.first else {
            container = value
            return
        }
        let rest = keys.dropFirst()
        // Move the container out before matching on it, binding from what `take` returns: a pattern over a variable
        // would keep a second reference to the collection, and every change would copy all of it.
        // What was taken goes back when a step below fails, as the variable must keep its value.
        if case .map = container, case .map(var map) = take(&container) {
            defer { container = .map(map) }
            guard case .string(let name) = key else { throw cannotSet(key, in: .map(map), target, context) }
            if rest.isEmpty {
                map[name] = value
            } else if let index = map.index(forKey: name) {
                // A placeholder keeps the key's place; the child is then the only reference to its storage.
                var child = take(&map[valueAt: index])
                defer { map[valueAt: index] = child }
                try assign(value, into: &child, rest, target, context)
            } else {
                var child = Value.map([:])
                try assign(value, into: &child, rest, target, context)
                map[name] = child
            }
            return
        }
        if case .list = container, case .list(var list) = take(&container) {
            defer { container = .list(list) }
            guard case .int(let position) = key, let offset = listOffset(position, list.count) else {
                if case .int(let position) = key {
                    throw fail(
                        .index, "index \(position) is out of range for a list of \(list.count)", target.position,
                        context)
                }
                throw cannotSet(key, in: .list(list), target, context)
            }
            var child = take(&list[offset])
            defer { list[offset] = child }
            try assign(value, into: &child, rest, target, context)
            return
        }
        if case .null = container, case .string(let name) = key {
            var child: Value = .null
            try assign(value, into: &child, rest, target, context)
            container = .map([name: child])
            return
        }
        throw cannotSet(key, in: container, target, context)
    }

    private func cannotSet(_ key: Value, in container: Value, _ target: LValue, _ context: Context) -> ScriptError {
        if case .string(let name) = key {
            return fail(.type, "cannot set field '\(name)' of \(describe(container))", target.position, context)
        }
        return fail(.type, "cannot set element \(key.displayText) of \(describe(container))", target.position, context)
    }

    func listOffset(_ index: Int64, _ count: Int) -> Int? {
        let offset = index < 0 ? Int64(count) + index : index
        return offset >= 0 && offset < Int64(count) ? Int(offset) : nil
    }

    func field(_ value: Value, _ name: String, _ position: Position, _ context: Context) throws -> Value {
        switch value {
        case .map(let map): return map[name] ?? .null
        case .error(let error):
            guard let field = error.field(name) else {
                throw fail(
                    .key, "an error has no field '\(name)'; it has code, message, source, line, column, details",
                    position, context)
            }
            return field
        case .null: return .null
        default: throw fail(.type, "cannot read field '\(name)' of \(describe(value))", position, context)
        }
    }

    func index(_ value: Value, _ key: Value, _ position: Position, _ context: Context) throws -> Value {
        switch (value, key) {
        case (.list(let list), .int(let i)):
            guard let offset = listOffset(i, list.count) else {
                throw fail(.index, "index \(i) is out of range for a list of \(list.count)", position, context)
            }
            return list[offset]
        case (.string(let text), .int(let i)):
            let count = ASCIIText.characterCount(text)
            guard let offset = listOffset(i, count) else {
                throw fail(
                    .index, "index \(i) is out of range for a string of \(count) characters", position, context)
            }
            return .string(ASCIIText.characters(of: text, offset..<offset + 1))
        case (.map(let map), .string(let name)): return map[name] ?? .null
        case (.error, .string(let name)): return try field(value, name, position, context)
        case (.null, _): return .null
        default: throw fail(.type, "cannot index \(describe(value)) with \(describe(key))", position, context)
        }
    }

    /// `a list of 3`, `the string "abc"`: how values are named in messages.
    func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "the bool \(b)"
        case .int(let i): return "the int \(i)"
        case .double(let d): return "the float \(Value.format(d))"
        case .string(let s): return "the string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .list(let l): return "a list of \(l.count)"
        case .map(let m): return "a map of \(m.count)"
        case .function(let f): return "the function \(f.name)"
        case .stream(let s): return "the stream of \(s.name)"
        case .error(let e): return "the error \(e.code)"
        }
    }
}
