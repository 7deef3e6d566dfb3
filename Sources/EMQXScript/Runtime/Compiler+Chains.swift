/// Parts of an expression computed one after another, as chains of closures.
///
/// A closure kept in an array (or an optional, or a tuple in one) is stored in the most general form and called
/// through two reabstraction thunks; a closure that calls the one made before it is called directly, as
/// ``Compiler/block(_:)`` runs a block's statements.
extension Compiler {
    /// Appends what each expression computes, left to right, to a list.
    typealias Collect = (Interpreter, Context, inout [Value]) throws -> Void

    static func collect(_ exprs: [Expr]) -> Collect {
        var chain: Collect = { _, _, _ in }
        for expr in exprs {
            let compute = expression(expr)
            let before = chain
            chain = { interpreter, context, values in
                try before(interpreter, context, &values)
                values.append(try compute(interpreter, context))
            }
        }
        return chain
    }

    /// The values of `exprs`, left to right.
    static func list(_ exprs: [Expr]) -> (Interpreter, Context) throws -> [Value] {
        let collect = collect(exprs)
        let count = exprs.count
        return { interpreter, context in
            var values: [Value] = []
            values.reserveCapacity(count)
            try collect(interpreter, context, &values)
            return values
        }
    }

    /// `"factory/${line}/temp"`: the text parts and the values' display texts, written into one string sized for
    /// them up front (growing it piece by piece reallocated it each time it outgrew its storage).
    static func interpolation(_ parts: [InterpolationPart]) -> Expression {
        typealias Write = (Interpreter, Context, inout String) throws -> Void
        var chain: Write = { _, _, _ in }
        var literalLength = 0
        for part in parts {
            let before = chain
            switch part {
            case .text(let text):
                literalLength += text.utf8.count
                chain = { interpreter, context, output in
                    try before(interpreter, context, &output)
                    output += text
                }
            case .expression(let inner):
                let compute = expression(inner)
                literalLength += 4
                chain = { interpreter, context, output in
                    try before(interpreter, context, &output)
                    switch try compute(interpreter, context) {
                    case .string(let text): output += text
                    case let value: output += value.displayText
                    }
                }
            }
        }
        let write = chain
        // A string of up to 15 bytes is held inline; reserving would give it storage it does not need.
        let reserve = literalLength > 15 ? literalLength + 8 : 0
        return { interpreter, context in
            var text = ""
            if reserve > 0 { text.reserveCapacity(reserve) }
            try write(interpreter, context, &text)
            return .string(text)
        }
    }
}
