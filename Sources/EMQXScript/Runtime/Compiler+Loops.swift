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
            let frame = context.frame
            // One step of the loop; nil to go on. The items are walked where they are (the value is a snapshot
            // already): copying them into pairs first cost a retain of every item.
            func step(_ key: Value, _ item: Value) throws -> Flow? {
                try interpreter.checkCancelled(position, context)
                if let keySlot { frame.slots[keySlot] = key }
                frame.slots[valueSlot] = item
                switch try body(interpreter, context) {
                case .breakLoop: return .normal
                case .returned(let result): return .returned(result)
                case .normal, .continueLoop: return nil
                }
            }
            switch value {
            case .list(let list):
                for index in list.indices {
                    if let flow = try step(.int(Int64(index)), list[index]) { return flow }
                }
            case .map(let map):
                for (key, item) in map {
                    if let flow = try step(.string(key), keySlot == nil ? .string(key) : item) { return flow }
                }
            case .string(let text) where text.withBytes(ASCIIText.allWholeCharacters):
                // Each byte a character (ASCII without a carriage return): no grapheme breaking, and each character a
                // string from a table rather than made.
                let flow = try text.withBytes { bytes -> Flow? in
                    for index in bytes.indices {
                        let character = Value.string(ASCIIText.character(bytes[index]))
                        if let flow = try step(.int(Int64(index)), character) { return flow }
                    }
                    return nil
                }
                if let flow { return flow }
            case .string(let text):
                for (index, character) in text.enumerated() {
                    if let flow = try step(.int(Int64(index)), .string(String(character))) { return flow }
                }
            case .null: break
            default:
                throw interpreter.fail(
                    .type,
                    "cannot loop over \(interpreter.describe(value)); 'for' takes a list, map, string, range "
                        + "or command",
                    sequence.position, context)
            }
            return .normal
        }
    }
}
