/// `for` loops and call arguments, compiled to closures.
extension Compiler {
    static func forLoop(
        _ keySlot: Int?, _ valueSlot: Int, _ sequence: Expr, _ body: @escaping Statement, _ position: Position
    ) -> Statement {
        if let range = sequence.rangeParts {
            // A range is walked without building the list.
            let a = expression(range.low)
            let b = expression(range.high)
            return { interpreter, context in
                let (from, to) = try interpreter.bounds(
                    try a(interpreter, context), try b(interpreter, context), range.inclusive, range.position, context)
                let frame = context.frame
                var index = from
                while index < to {
                    try interpreter.checkCancelled(position, context)
                    if let keySlot { frame.slots[keySlot] = .int(index - from) }
                    frame.slots[valueSlot] = .int(index)
                    switch try body(interpreter, context) {
                    case .breakLoop: return .normal
                    case .returned(let value): return .returned(value)
                    case .normal, .continueLoop: break
                    }
                    index += 1
                }
                return .normal
            }
        }
        let compute = expression(sequence)
        return { interpreter, context in
            let value = try compute(interpreter, context)
            let items: [(Value, Value)]
            switch value {
            case .list(let list): items = list.enumerated().map { (.int(Int64($0.offset)), $0.element) }
            case .map(let map): items = map.map { (.string($0.key), keySlot == nil ? .string($0.key) : $0.value) }
            case .string(let text):
                items = text.enumerated().map { (.int(Int64($0.offset)), .string(String($0.element))) }
            case .null: items = []
            default:
                throw interpreter.fail(
                    .type,
                    "cannot loop over \(interpreter.describe(value)); 'for' takes a list, map, string, range "
                        + "or command",
                    sequence.position, context)
            }
            let frame = context.frame
            for (key, item) in items {
                try interpreter.checkCancelled(position, context)
                if let keySlot { frame.slots[keySlot] = key }
                frame.slots[valueSlot] = item
                switch try body(interpreter, context) {
                case .breakLoop: return .normal
                case .returned(let result): return .returned(result)
                case .normal, .continueLoop: break
                }
            }
            return .normal
        }
    }

    /// Computes a call's arguments, left to right, into memory on the stack (an array would be allocated per call)
    /// and hands them to `call`.
    static func withArguments(
        _ computes: [Expression], _ interpreter: Interpreter, _ context: Context,
        _ call: (UnsafeBufferPointer<Value>) throws -> Value
    ) throws -> Value {
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: computes.count) { buffer in
            var count = 0
            defer { buffer.baseAddress?.deinitialize(count: count) }
            for compute in computes {
                buffer.initializeElement(at: count, to: try compute(interpreter, context))
                count += 1
            }
            return try call(UnsafeBufferPointer(buffer))
        }
    }
}
