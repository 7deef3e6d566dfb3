extension Interpreter {
    /// `name(args)`: a function in scope, a global function defined later, or a builtin.
    func callNamed(
        _ name: String, _ ref: VariableRef?, _ arguments: [Expr], _ position: Position, _ context: Context
    ) async throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try await eval(argument, context)) }
        if let ref {
            return try await callValue(
                try read(ref, name: name, position, context), values, named: [:], position, context)
        }
        if let function = globalFunction(name) {
            return try await callValue(function, values, named: [:], position, context)
        }
        if let builtin = Builtins.table[name] {
            return try await callBuiltin(name, builtin, values, position, context)
        }
        throw fail(.undefinedCommand, "undefined function '\(name)'\(suggestion(for: name))", position, context)
    }

    func globalFunction(_ name: String) -> Value? {
        guard let slot = globals.slot(of: name), slot < globalFrame.count,
            case .function = globalFrame.slots[slot]
        else { return nil }
        return globalFrame.slots[slot]
    }

    func callBuiltin(
        _ name: String, _ builtin: Builtin, _ values: [Value], _ position: Position, _ context: Context
    ) async throws -> Value {
        var arguments = values
        for (index, value) in values.enumerated() {
            if case .stream = value { arguments[index] = try await materialize(value, position, context) }
        }
        switch builtin.body {
        case .async(let body):
            try checkArity(name, builtin, arguments.count, position, context)
            return try await body(
                BuiltinCall(interpreter: self, name: name, position: position, context: context), arguments)
        case .sync(let body):
            return try Arguments.with(arguments) { try callBuiltinSync(name, builtin, body, $0, position, context) }
        }
    }

    /// Calls a synchronous builtin: its short way (``Builtin/lent``) first, then its body.
    @inline(__always)
    func callBuiltinSync(
        _ name: String, _ builtin: Builtin, _ body: Builtin.Sync, _ values: Arguments, _ position: Position,
        _ context: Context
    ) throws -> Value {
        if let lent = builtin.lent, let value = lent(values, textScratch) { return value }
        return try callBuiltinBody(name, builtin, body, values, position, context)
    }

    /// Calls a synchronous builtin's body, its short way (``Builtin/lent``) not taken or not applying.
    func callBuiltinBody(
        _ name: String, _ builtin: Builtin, _ body: Builtin.Sync, _ values: Arguments, _ position: Position,
        _ context: Context
    ) throws -> Value {
        try checkArity(name, builtin, values.count, position, context)
        return try body(BuiltinCall(interpreter: self, name: name, position: position, context: context), values)
    }

    func checkArity(
        _ name: String, _ builtin: Builtin, _ count: Int, _ position: Position, _ context: Context
    ) throws {
        guard builtin.arity.contains(count) else {
            throw fail(
                .argumentCount, "\(name)() takes \(Builtins.describe(builtin.arity)), not \(count)", position, context)
        }
    }

    func callValue(
        _ callee: Value, _ values: [Value], named: [String: Value], _ position: Position, _ context: Context
    ) async throws -> Value {
        guard case .function(let function) = callee else {
            throw fail(.type, "cannot call \(describe(callee)); it is not a function", position, context)
        }
        return try await call(function, values, named: named, position, context)
    }

    func call(
        _ function: FunctionValue, _ values: [Value], named: [String: Value], _ position: Position, _ context: Context
    ) async throws -> Value {
        let declaration = function.declaration
        if named.isEmpty, let body = declaration.compiledBody, holds(body.requirements),
            body.valueCalls.isEmpty || admitsCall(function, body, values)
        {
            return try callCompiled(function, body, values, position, context)
        }
        try checkCall(declaration, values.count, named: named, position, context)
        let frame = Frame(slotCount: declaration.slotCount, parent: function.captured)
        let defaults = Context(frame: frame, source: declaration.source)
        for (slot, parameter) in declaration.parameters.enumerated() {
            if slot < values.count {
                frame.slots[slot] = values[slot]
            } else if let value = named[parameter.name] {
                frame.slots[slot] = value
            } else if let defaultValue = parameter.defaultValue {
                frame.slots[slot] = try await eval(defaultValue, defaults)
            } else {
                throw fail(
                    .argumentCount, "\(declaration.name)() needs a value for '\(parameter.name)'", position, context)
            }
        }
        callDepth += 1
        defer { callDepth -= 1 }
        switch try await exec(declaration.body, Context(frame: frame, source: declaration.source)) {
        case .returned(let value): return value
        default: return .null
        }
    }

    /// What every call checks before it binds its arguments: their number, their names, the depth, Ctrl-C.
    func checkCall(
        _ declaration: FunctionDecl, _ count: Int, named: [String: Value], _ position: Position, _ context: Context
    ) throws {
        let parameters = declaration.parameters
        guard count <= parameters.count else {
            throw fail(
                .argumentCount,
                "\(declaration.name)() takes \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), "
                    + "not \(count)",
                position, context)
        }
        if !named.isEmpty {
            // Sorted: the flags come in a dictionary, whose order changes from run to run.
            let unknown = named.keys.filter { name in !parameters.contains { $0.name == name } }.sorted()
            if !unknown.isEmpty {
                let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
                throw fail(
                    .argumentCount, "\(declaration.name)() has no parameter\(unknown.count == 1 ? "" : "s") \(names)",
                    position, context)
            }
        }
        guard callDepth < maximumCallDepth else {
            throw fail(
                .recursion, "calls nested deeper than \(maximumCallDepth) (runaway recursion in \(declaration.name)?)",
                position, context)
        }
        try checkCancelled(position, context)
    }

    /// Whether the synchronous functions a compiled part calls are still the ones its program defined.
    func holds(_ requirements: [SyncRequirement]) -> Bool {
        for requirement in requirements {
            guard requirement.slot < globalFrame.count,
                case .function(let function) = globalFrame.slots[requirement.slot],
                function.declaration === requirement.declaration
            else { return false }
        }
        return true
    }

    /// A command: a function called shell-style, a builtin, or one of the host's commands.
    func runCommand(_ call: CommandCall, _ context: Context) async throws -> Value {
        var arguments: [CommandArgument] = []
        arguments.reserveCapacity(call.arguments.count)
        for argument in call.arguments {
            switch argument {
            case .flag(let name, _): arguments.append(.flag(name))
            case .value(let expr): arguments.append(.value(try await eval(expr, context)))
            }
        }
        if let (frame, slot) = frame(of: call.function, context), case .function(let function) = frame.slots[slot] {
            return try await callShellStyle(function, arguments, call.position, context)
        }
        // A host command wins over a builtin of the same name in command form (`get /nodes`
        // is the request; `get($m, "k")` is still the builtin).
        if host.hasCommand(call.name) {
            do {
                let at = location(call.position, context)
                return try await outsideGate { try await host.runCommand(call.name, arguments: arguments, at: at) }
            } catch {
                throw wrap(error, call.position, context)
            }
        }
        guard let builtin = Builtins.table[call.name] else {
            throw fail(
                .undefinedCommand, "unknown command '\(call.name)'\(suggestion(for: call.name))", call.position, context
            )
        }
        var values: [Value] = []
        for argument in arguments {
            guard case .value(let value) = argument else {
                throw fail(.value, "\(call.name) takes no flags; call it as \(call.name)(…)", call.position, context)
            }
            values.append(value)
        }
        return try await callBuiltin(call.name, builtin, values, call.position, context)
    }

    /// `drain sensor- --limit 5`: words bind to parameters in order, `--name value` by name.
    private func callShellStyle(
        _ function: FunctionValue, _ arguments: [CommandArgument], _ position: Position, _ context: Context
    ) async throws -> Value {
        var positional: [Value] = []
        var named: [String: Value] = [:]
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case .value(let value): positional.append(value)
            case .flag(let flag):
                let name = String(flag.drop { $0 == "-" }).replacingDashes()
                if index + 1 < arguments.count, case .value(let value) = arguments[index + 1] {
                    named[name] = value
                    index += 1
                } else {
                    named[name] = .bool(true)
                }
            }
            index += 1
        }
        return try await call(function, positional, named: named, position, context)
    }

    /// ` (did you mean 'clients'?)` when a builtin or command is one or two edits away.
    func suggestion(for name: String) -> String {
        let candidates = Array(Builtins.table.keys) + globals.slots.keys.filter { globalFunction($0) != nil }
        // The nearest, and of those the first in order: the candidates come from dictionaries, whose order changes
        // from run to run.
        let close = candidates.map { (name: $0, distance: editDistance($0, name)) }.filter { $0.distance <= 2 }
            .min { ($0.distance, $0.name) < ($1.distance, $1.name) }
        return close.map { " (did you mean '\($0.name)'?)" } ?? ""
    }
}

extension String {
    /// `dry-run` → `dry_run`, so flags can name parameters.
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

/// The Levenshtein distance between two words, for "did you mean" suggestions.
public func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}
