/// `for x in … --parallel N { … }`: the items run as concurrent tasks, at most N at a time (see ``ParallelGate``).
///
/// Each item calls the loop's body as a function, so its loop variables and the variables it declares are its own;
/// outer variables are shared. The host keeps each item's output apart and writes it in item order. A failing
/// item does not stop the others: when all are done, one error names every failure (`$e.details.failures`).
extension Interpreter {
    func parallelLoop(_ loop: ParallelLoop, _ context: Context) async throws -> Flow {
        guard ParallelGate.current == nil else {
            throw fail(.value, "parallel loops do not nest; make the inner loop a plain 'for'", loop.position, context)
        }
        let widthValue = try await eval(loop.width, context)
        // After a command the N is one of its words: `for c in clients --parallel 4 {`.
        var width: Int64 = 0
        switch widthValue {
        case .int(let number): width = number
        case .string(let word): width = Int64(word) ?? 0
        default: break
        }
        guard (1...1024).contains(width) else {
            throw fail(
                .value, "--parallel takes a whole number from 1 to 1024, not \(describe(widthValue))",
                loop.sequence.position, context)
        }
        let next = try items(of: try await eval(loop.sequence, context), loop.sequence.position, context)
        let body = FunctionValue(declaration: loop.body, captured: context.frame)
        let takesKey = loop.body.parameters.count == 2
        let bodyPosition = loop.position
        let gate = ParallelGate()
        let scope = host.parallelScope()
        var failures: [ParallelFailure] = []
        try await withThrowingTaskGroup(of: ParallelFailure?.self) { group in
            var index = 0
            while true {
                let item: (key: Value, value: Value)?
                do { item = try await next() } catch { throw wrap(error, loop.sequence.position, context) }
                guard let item else { break }
                if index >= Int(width), let finished = try await group.next() {
                    failures += finished.map { [$0] } ?? []
                }
                let position = index
                let arguments = takesKey ? [item.key, item.value] : [item.value]
                group.addTask {
                    do {
                        try await scope.run(item: position) {
                            try await ParallelGate.$current.withValue(gate) {
                                await gate.acquire()
                                defer { gate.release() }
                                _ = try await self.call(body, arguments, named: [:], bodyPosition, context)
                            }
                        }
                        return nil
                    } catch let error where error is ScriptExit || error is CancellationError {
                        throw error
                    } catch let error as ScriptError where error.code == .cancelled {
                        throw error
                    } catch {
                        return ParallelFailure(index: position, item: item.value, error: error)
                    }
                }
                index += 1
            }
            for try await finished in group { failures += finished.map { [$0] } ?? [] }
        }
        guard failures.isEmpty else { throw failure(failures.sorted { $0.index < $1.index }, loop, context) }
        return .normal
    }

    /// The loop's items one at a time, as `(key, value)`: a list's index, a map's key, a stream's count.
    private func items(
        of value: Value, _ position: Position, _ context: Context
    ) throws
        -> () async throws -> (key: Value, value: Value)?
    {
        switch value {
        case .list(let list):
            var iterator = list.enumerated().makeIterator()
            return { iterator.next().map { (.int(Int64($0.offset)), $0.element) } }
        case .map(let map):
            var iterator = map.makeIterator()
            return { iterator.next().map { (.string($0.key), $0.value) } }
        case .stream(let stream):
            let next = stream.makeIterator()
            var count: Int64 = 0
            return {
                guard let item = try await next() else { return nil }
                defer { count += 1 }
                return (.int(count), item)
            }
        case .null:
            return { nil }
        default:
            throw fail(
                .type, "cannot loop over \(describe(value)); 'for … --parallel' takes a list, map or command",
                position, context)
        }
    }

    private func failure(_ failures: [ParallelFailure], _ loop: ParallelLoop, _ context: Context) -> any Error {
        let described = failures.map { failure -> (code: String, message: String) in
            switch failure.error {
            case let error as ScriptError:
                if case .error(let value)? = error.payload { return (value.code, value.message) }
                return (error.code.name, error.message)
            case let error as CommandFailure: return (error.code, error.message)
            default: return ("COMMAND_ERROR", "\(failure.error)")
            }
        }
        let first = failures[0]
        let more = failures.count > 1 ? " (and \(failures.count - 1) more: $e.details.failures)" : ""
        let details: [Value] = zip(failures, described).map { failure, text in
            .map([
                "index": .int(Int64(failure.index)), "item": failure.item, "code": .string(text.code),
                "message": .string(text.message),
            ])
        }
        return wrap(
            CommandFailure(
                code: "PARALLEL_FAILED",
                message: "\(failures.count) item\(failures.count == 1 ? "" : "s") of the parallel loop failed; item "
                    + "\(first.index) (\(Self.brief(first.item))): \(described[0].message)\(more)",
                details: .map(["failures": .list(details)])),
            loop.position, context)
    }

    /// An item as a message names it: a record of many fields is cut to its start.
    static func brief(_ item: Value) -> String {
        let text = item.displayText
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    /// Host work runs with the parallel gate given up, so other items of a parallel loop go on meanwhile.
    func outsideGate<T>(_ work: () async throws -> T) async throws -> T {
        guard let gate = ParallelGate.current else { return try await work() }
        gate.release()
        do {
            let value = try await work()
            await gate.acquire()
            return value
        } catch {
            await gate.acquire()
            throw error
        }
    }
}

/// One item of a parallel loop that ended in an error.
struct ParallelFailure: Sendable {
    var index: Int
    var item: Value
    var error: any Error
}
