import EMQXJSON

extension Interpreter {
    func exec(_ statements: [Stmt], _ context: Context) async throws -> Flow {
        for statement in statements {
            let flow = try await exec(statement, context)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    func exec(_ statement: Stmt, _ context: Context) async throws -> Flow {
        switch statement {
        case .expression(let expr, let show):
            let value = try await eval(expr, context)
            if show, value != .null {
                do { try await outsideGate { try await host.show(value) } } catch {
                    throw wrap(error, expr.position, context)
                }
            }
            return .normal
        case .define(let slot, let expr, _):
            let value = try await materialize(try await eval(expr, context), expr.position, context)
            // Read the slots only now: a file sourced while the value was computed may have moved the global ones.
            context.frame.slots[slot] = value
            return .normal
        case .assign(let target, let expr, _):
            let value = try await materialize(try await eval(expr, context), expr.position, context)
            try await store(value, into: target, context)
            return .normal
        case .compoundAssign(let target, let op, let expr, let position):
            var keys: [Value] = []
            for step in target.path {
                switch step {
                case .field(let name): keys.append(.string(name))
                case .index(let key): keys.append(try await eval(key, context))
                }
            }
            let operand = try await eval(expr, context)
            try compoundAssign(target, keys: keys, op, operand, position, context)
            return .normal
        case .ifChain(let branches, let elseBody):
            for branch in branches where try await eval(branch.condition, context).isTruthy {
                return try await exec(branch.body, context)
            }
            if let elseBody { return try await exec(elseBody, context) }
            return .normal
        case .whileLoop(let condition, let body, let position):
            while try await eval(condition, context).isTruthy {
                try checkCancelled(position, context)
                switch try await exec(body, context) {
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continueLoop: continue
                }
            }
            return .normal
        case .forIn(let keySlot, let valueSlot, let sequence, let body, let position):
            return try await forLoop(keySlot, valueSlot, sequence, body, position, context)
        case .parallelFor(let loop):
            return try await parallelLoop(loop, context)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .def(let declaration, let ref):
            let function = Value.function(FunctionValue(declaration: declaration, captured: context.frame))
            try write(function, to: ref, name: declaration.name, declaration.position, context)
            return .normal
        case .returnValue(let expr, _):
            guard let expr else { return .returned(.null) }
            return .returned(try await eval(expr, context))
        case .tryCatch(let body, let catchSlot, let handler, let finally, let position):
            return try await tryStatement(body, catchSlot, handler, finally, position, context)
        case .source(let pathExpr, let position):
            try await sourceFile(try await eval(pathExpr, context), position, context)
            return .normal
        case .exit(let expr, let position):
            throw try exitStatus(try await expr.asyncMap { try await eval($0, context) }, position, context)
        case .throwError(let expr, let position):
            throw thrown(try await eval(expr, context), position, context)
        case .synchronous(let original, let compiled):
            // A function it calls was redefined since it was compiled: the general evaluator calls the new one.
            guard holds(compiled.requirements), admits(compiled.valueCalls, context) else {
                return try await exec(original, context)
            }
            return try compiled.run(self, context)
        }
    }

    func exitStatus(_ value: Value?, _ position: Position, _ context: Context) throws -> ScriptExit {
        guard let value else { return ScriptExit(status: 0) }
        guard case .int(let code) = value, let status = Int32(exactly: code), (0...255).contains(status) else {
            throw fail(.type, "exit takes a status from 0 to 255, not \(describe(value))", position, context)
        }
        return ScriptExit(status: status)
    }

    /// Called at every loop step and call: honours Ctrl-C (checked every 64 steps, which is
    /// still within microseconds) and the optional step budget.
    ///
    /// Inlined where it is called, its checks apart: a call of it was most of what a loop step of `n += 1` cost.
    @inline(__always)
    func checkCancelled(_ position: Position, _ context: Context) throws {
        steps &+= 1
        if steps & 63 == 0 || maximumSteps != nil { try checkCancelledOrOverBudget(position, context) }
    }

    @inline(never)
    private func checkCancelledOrOverBudget(_ position: Position, _ context: Context) throws {
        if steps & 63 == 0, Task.isCancelled { throw fail(.cancelled, "interrupted", position, context) }
        if let limit = maximumSteps, steps > limit {
            throw fail(.custom("STEP_LIMIT"), "more than \(limit) loop steps and calls", position, context)
        }
    }

    /// A command's stream is read to the end when it is stored, so a variable holds a plain list.
    func materialize(_ value: Value, _ position: Position, _ context: Context) async throws -> Value {
        guard case .stream(let stream) = value else { return value }
        do { return .list(try await stream.collect()) } catch { throw wrap(error, position, context) }
    }

    private func forLoop(
        _ keySlot: Int?, _ valueSlot: Int, _ sequence: Expr, _ body: [Stmt], _ position: Position, _ context: Context
    ) async throws -> Flow {
        let frame = context.frame
        // A range is walked without building the list.
        if let range = sequence.rangeParts {
            let (from, to) = try await rangeBounds(range.low, range.high, range.inclusive, range.position, context)
            var index = from
            while index < to {
                try checkCancelled(position, context)
                if let keySlot { frame.slots[keySlot] = .int(index - from) }
                frame.slots[valueSlot] = .int(index)
                switch try await exec(body, context) {
                case .breakLoop: return .normal
                case .returned(let value): return .returned(value)
                case .normal, .continueLoop: break
                }
                index += 1
            }
            return .normal
        }
        let value = try await eval(sequence, context)
        var iteration: Int64 = 0
        func step(_ key: Value, _ item: Value) async throws -> Flow? {
            try checkCancelled(position, context)
            if let keySlot { frame.slots[keySlot] = key }
            frame.slots[valueSlot] = item
            iteration += 1
            switch try await exec(body, context) {
            case .breakLoop: return .normal
            case .returned(let result): return .returned(result)
            case .normal, .continueLoop: return nil
            }
        }
        switch value {
        case .list(let items):
            for (index, item) in items.enumerated() {
                if let flow = try await step(.int(Int64(index)), item) { return flow }
            }
        case .map(let members):
            for (key, item) in members {
                if let flow = try await step(.string(key), keySlot == nil ? .string(key) : item) { return flow }
            }
        case .string(let text):
            for (index, character) in text.enumerated() {
                if let flow = try await step(.int(Int64(index)), .string(String(character))) { return flow }
            }
        case .stream(let stream):
            let next = stream.makeIterator()
            while true {
                let item: Value?
                do { item = try await outsideGate(next) } catch { throw wrap(error, sequence.position, context) }
                guard let item else { break }
                if let flow = try await step(.int(iteration), item) { return flow }
            }
        case .null:
            break
        default:
            throw fail(
                .type, "cannot loop over \(describe(value)); 'for' takes a list, map, string, range or command",
                sequence.position, context)
        }
        return .normal
    }

    private func tryStatement(
        _ body: [Stmt], _ catchSlot: Int?, _ handler: [Stmt]?, _ finally: [Stmt]?, _ position: Position,
        _ context: Context
    ) async throws -> Flow {
        var outcome: Result<Flow, any Error>
        do {
            outcome = .success(try await exec(body, context))
        } catch {
            outcome = .failure(error)
        }
        if case .failure(let error) = outcome, let handler, caught(error, into: catchSlot, context) {
            do {
                outcome = .success(try await exec(handler, context))
            } catch {
                outcome = .failure(error)
            }
        }
        if let finally {
            let flow = try await exec(finally, context)
            if case .normal = flow {} else { return flow }
        }
        return try outcome.get()
    }

    /// Whether `catch` takes `error` (see ``isCatchable(_:)``), bound to the catch variable when it does.
    func caught(_ error: any Error, into catchSlot: Int?, _ context: Context) -> Bool {
        guard isCatchable(error) else { return false }
        if let catchSlot { context.frame.slots[catchSlot] = .error(errorValue(error)) }
        return true
    }

    /// `exit`, Ctrl-C and the host's step budget pass through `catch`; everything else is caught.
    func isCatchable(_ error: any Error) -> Bool {
        if error is ScriptExit || error is CancellationError { return false }
        if let error = error as? ScriptError, error.code == .cancelled || error.code == .custom("STEP_LIMIT") {
            return false
        }
        return true
    }

    func errorValue(_ error: any Error) -> ErrorValue {
        if let error = error as? ScriptError {
            if case .error(let original)? = error.payload { return original }
            return ErrorValue(
                code: error.code.name, message: error.message, location: error.location, details: error.payload ?? .null
            )
        }
        return ErrorValue(code: ScriptError.Code.command.name, message: "\(error)")
    }

    /// The error `throw` raises: an error value keeps its code, a string becomes the message, a map gives code and
    /// message.
    func thrown(_ value: Value, _ position: Position, _ context: Context) -> ScriptError {
        let here = location(position, context)
        switch value {
        case .error(var error):
            if error.location == nil { error.location = here }
            return fail(.custom(error.code), error.message, position, context, payload: .error(error))
        case .map(let members):
            let code = members["code"]?.displayText ?? ScriptError.Code.thrown.name
            let message = members["message"]?.displayText ?? value.displayText
            let error = ErrorValue(code: code, message: message, location: here, details: members["details"] ?? .null)
            return fail(.custom(code), message, position, context, payload: .error(error))
        default:
            return fail(.thrown, value.displayText, position, context)
        }
    }

    private func sourceFile(_ path: Value, _ position: Position, _ context: Context) async throws {
        guard case .string(let text) = path else {
            throw fail(.type, "source takes a file path, not \(describe(path))", position, context)
        }
        guard sourceDepth < 32 else {
            throw fail(
                .recursion, "source nested more than 32 files deep; does a file source itself?", position, context)
        }
        let file: SourceText
        do { file = try await host.readSource(text, from: context.source.name) } catch {
            throw fail(.io, "cannot source '\(text)': \(error)", position, context)
        }
        let program = CompilePass.compile(try Parser.parse(file, globals: globals))
        growGlobals(to: program.globalCount)
        sourceDepth += 1
        defer { sourceDepth -= 1 }
        _ = try await exec(program.statements, Context(frame: globalFrame, source: file))
    }

    /// Turns a host's or a stream's failure into a script error at the position that caused it.
    func wrap(_ error: any Error, _ position: Position, _ context: Context) -> any Error {
        switch error {
        case let error as ScriptError:
            if error.location != nil || error.code == .cancelled { return error }
            return fail(error.code, error.message, position, context, payload: error.payload)
        case is ScriptExit: return error
        case is CancellationError: return fail(.cancelled, "interrupted", position, context)
        case let failure as CommandFailure:
            let value = ErrorValue(
                code: failure.code, message: failure.message, location: location(position, context),
                details: failure.details)
            return fail(.custom(failure.code), failure.message, position, context, payload: .error(value))
        default:
            return fail(.command, "\(error)", position, context)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
