/// Calls of functions compiled whole, compiled to closures.
extension Compiler {
    /// A call of the function `callee` computes: one of the program's synchronous functions, or a sealed function in
    /// a variable the part cannot rebind (both checked when the part started).
    ///
    /// The arguments are computed first, left to right, then stored straight into the callee's frame. Up to three
    /// are held in locals on the way: looping over an array of argument closures costs a retain of each.
    static func compiledCall(
        _ callee: @escaping Expression, _ arguments: [Expr], _ position: Position
    ) -> Expression {
        let computes = arguments.map(expression)
        switch computes.count {
        case 0:
            return { interpreter, context in
                var call = try interpreter.enterCompiled(try callee(interpreter, context), count: 0, position, context)
                let result = try interpreter.run(call)
                interpreter.finish(&call)
                return result
            }
        case 1:
            let a = computes[0]
            return { interpreter, context in
                let x = try a(interpreter, context)
                var call = try interpreter.enterCompiled(try callee(interpreter, context), count: 1, position, context)
                call.arguments[0] = x
                let result = try interpreter.run(call)
                interpreter.finish(&call)
                return result
            }
        case 2:
            let a = computes[0]
            let b = computes[1]
            return { interpreter, context in
                let x = try a(interpreter, context)
                let y = try b(interpreter, context)
                var call = try interpreter.enterCompiled(try callee(interpreter, context), count: 2, position, context)
                call.arguments[0] = x
                call.arguments[1] = y
                let result = try interpreter.run(call)
                interpreter.finish(&call)
                return result
            }
        case 3:
            let a = computes[0]
            let b = computes[1]
            let c = computes[2]
            return { interpreter, context in
                let x = try a(interpreter, context)
                let y = try b(interpreter, context)
                let z = try c(interpreter, context)
                var call = try interpreter.enterCompiled(try callee(interpreter, context), count: 3, position, context)
                call.arguments[0] = x
                call.arguments[1] = y
                call.arguments[2] = z
                let result = try interpreter.run(call)
                interpreter.finish(&call)
                return result
            }
        default:
            return { interpreter, context in
                var values: [Value] = []
                values.reserveCapacity(computes.count)
                for compute in computes { values.append(try compute(interpreter, context)) }
                var call = try interpreter.enterCompiled(
                    try callee(interpreter, context), count: values.count, position, context)
                for index in values.indices { call.arguments[index] = values[index] }
                let result = try interpreter.run(call)
                interpreter.finish(&call)
                return result
            }
        }
    }
}
