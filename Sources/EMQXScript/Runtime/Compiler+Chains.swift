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

    /// `"factory/${line}/temp"`: the text parts and the values' display texts written as bytes into the
    /// interpreter's ``TextScratch``, then made a string once.
    static func interpolation(_ parts: [InterpolationPart]) -> Expression {
        typealias Write = (Interpreter, Context) throws -> Void
        var chain: Write = { _, _ in }
        for part in parts {
            let before = chain
            switch part {
            case .text(let text):
                let literal = LiteralBytes(text)
                chain = { interpreter, context in
                    try before(interpreter, context)
                    interpreter.textScratch.append(UnsafeBufferPointer(literal.bytes))
                }
            case .expression(let inner):
                let compute = expression(inner)
                chain = { interpreter, context in
                    try before(interpreter, context)
                    // Computed before the scratch is read again: a nested interpolation writes there too.
                    let value = try compute(interpreter, context)
                    interpreter.textScratch.append(display: value)
                }
            }
        }
        let write = chain
        return { interpreter, context in
            let scratch = interpreter.textScratch
            let mark = scratch.top
            do {
                try write(interpreter, context)
            } catch {
                scratch.top = mark
                throw error
            }
            return .string(scratch.string(from: mark))
        }
    }
}
