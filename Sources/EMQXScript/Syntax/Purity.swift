/// Marks the parts of a program that can run without suspending, so the interpreter can run them
/// synchronously: async calls cost an allocation and an executor check each, which dominates tight loops.
///
/// A call of a user function is such a part when it calls one of the program's ``SyncFunctions``: a top-level
/// `def` whose body cannot suspend either. The part then holds that function (and every one it reaches) as a
/// requirement, checked each time the part starts (see ``SyncRequirement``).
///
/// A part may also call a function held in a variable (`$add3(i)`, `f(x)` for a parameter `f`) when the part itself
/// does not rebind that variable. When it starts, the part checks that the variable holds a function compiled whole,
/// that the variables that function calls through hold such functions in turn, and that none of the functions
/// reached (nor the part) assigns a variable any of them calls through (see ``Interpreter/admits(_:_:)``);
/// otherwise it runs through the general evaluator. A body compiled whole is checked the same way when it is entered.
struct Purity {
    /// The program's functions that can be called without suspending, by their global slot.
    var functions: SyncFunctions = SyncFunctions()
    /// How many function frames the code being judged sits in (0: the top level, whose frame is the global one).
    var depth = 0
    /// Whether calls of functions held in variables may be compiled (the part or body checks the variables when it
    /// starts).
    var valueCalls = false

    /// The same rules, for the body of a function written here.
    var inFunction: Purity { Purity(functions: functions, depth: depth + 1, valueCalls: valueCalls) }

    /// Whether an expression can be compiled into one part.
    func canCompile(_ expr: Expr) -> Bool { isPure(expr) && stableCallees({ $0.walk(expr, depth: depth) }) != nil }

    /// Whether a statement can be compiled into one part.
    func canCompile(_ stmt: Stmt) -> Bool { isPure(stmt) && stableCallees({ $0.walk(stmt, depth: depth) }) != nil }

    /// The part compiled, with what it needs to hold when it starts; for an expression that ``canCompile(_:)``.
    func wrap(_ expr: Expr) -> Expr {
        if case .synchronous = expr { return expr }
        let calls = stableCallees({ $0.walk(expr, depth: depth) }) ?? ValueCalls()
        return .synchronous(
            expr, CompiledExpression(Compiler.expression(expr), requirements: requirements(expr), valueCalls: calls))
    }

    /// The part compiled, with what it needs to hold when it starts; for a statement that ``canCompile(_:)``.
    func wrap(_ stmt: Stmt) -> Stmt {
        if case .synchronous = stmt { return stmt }
        let calls = stableCallees({ $0.walk(stmt, depth: depth) }) ?? ValueCalls()
        return .synchronous(
            stmt, CompiledStatement(Compiler.statement(stmt), requirements: requirements([stmt]), valueCalls: calls))
    }

    /// The function a call reaches when it is one of the program's synchronous functions.
    func callee(_ ref: VariableRef) -> FunctionDecl? {
        functions.globalSlot(of: ref, depth: depth).flatMap { functions.declarations[$0] }
    }

    func isPure(_ expr: Expr) -> Bool {
        switch expr {
        // A part compiled earlier checks the functions it calls through variables only when the general evaluator
        // starts it: inside a body compiled whole, which starts it directly, it would call them unchecked.
        case .synchronous(_, let compiled): return valueCalls || compiled.valueCalls.isEmpty
        case .literal, .variable, .lambda: return true
        case .interpolated(let parts, _):
            return parts.allSatisfy { if case .expression(let e) = $0 { return isPure(e) } else { return true } }
        case .list(let items, _): return items.allSatisfy(isPure)
        case .map(let entries, _): return entries.allSatisfy { isPure($0.value) }
        case .field(let base, _, _): return isPure(base)
        case .index(let base, let key, _): return isPure(base) && isPure(key)
        case .unary(_, let operand, _): return isPure(operand)
        case .binary(_, let a, let b, _), .and(let a, let b, _), .or(let a, let b, _), .range(let a, let b, _, _):
            return isPure(a) && isPure(b)
        case .call(let name, let ref, let arguments, _):
            guard arguments.allSatisfy(isPure) else { return false }
            guard let ref else { return Builtins.table[name]?.isSync ?? false }
            if callee(ref) != nil { return true }
            if case .global = ref { return false }
            return valueCalls  // a function in a variable, as with `$f(x)`
        case .callValue(.variable(let ref, _, _), let arguments, _):
            if case .global = ref { return false }
            return valueCalls && arguments.allSatisfy(isPure)
        case .command(let call): return valueCalls && isBuiltinCommand(call)
        case .callValue: return false
        }
    }

    func isPure(_ stmt: Stmt) -> Bool {
        switch stmt {
        case .synchronous(_, let compiled): return valueCalls || compiled.valueCalls.isEmpty
        case .breakLoop, .continueLoop, .def: return true
        // `print` as a statement: its value, null, is shown as nothing.
        case .expression(let e, let show): return (!show || printsOnly(e)) && isPure(e)
        case .define(_, let e, _), .assign(_, let e, _), .compoundAssign(_, _, let e, _), .throwError(let e, _):
            return isPure(e) && lvaluePure(stmt)
        case .ifChain(let branches, let elseBody):
            return branches.allSatisfy { isPure($0.condition) && $0.body.allSatisfy(isPure) }
                && (elseBody?.allSatisfy(isPure) ?? true)
        case .whileLoop(let condition, let body, _): return isPure(condition) && body.allSatisfy(isPure)
        case .forIn(_, _, let sequence, let body, _): return isPure(sequence) && body.allSatisfy(isPure)
        case .returnValue(let e, _): return e.map(isPure) ?? true
        case .exit(let e, _): return e.map(isPure) ?? true
        case .tryCatch(let body, _, let handler, let finally, _):
            return [body, handler ?? [], finally ?? []].allSatisfy { $0.allSatisfy(isPure) }
        case .source, .parallelFor: return false
        }
    }

    /// A command that runs a builtin which does not suspend, given no flags (`print "n=$n"`): compiled as the call,
    /// when no function of that name and no host command shadows it (checked when the code starts).
    func isBuiltinCommand(_ call: CommandCall) -> Bool {
        guard Builtins.table[call.name]?.isSync == true, let arguments = call.valueArguments else { return false }
        return arguments.allSatisfy(isPure)
    }

    private func printsOnly(_ expr: Expr) -> Bool {
        switch expr {
        case .command(let call): return call.name == "print"
        case .call("print", nil, _, _): return true
        default: return false
        }
    }

    private func lvaluePure(_ stmt: Stmt) -> Bool {
        switch stmt {
        case .assign(let target, _, _), .compoundAssign(let target, _, _, _):
            return target.path.allSatisfy { if case .index(let e) = $0 { return isPure(e) } else { return true } }
        default: return true
        }
    }

    /// The synchronous functions a pure part calls, with all those they reach.
    func requirements(_ expr: Expr) -> [SyncRequirement] {
        functions.requirements(calling: functions.calledSlots { $0.walk(expr, depth: depth) })
    }

    func requirements(_ statements: [Stmt]) -> [SyncRequirement] {
        functions.requirements(calling: functions.calledSlots { $0.walk(statements, depth: depth) })
    }

    /// The calls a part makes through variables, when the part itself does not rebind those and the top-level
    /// functions it calls are sealed (empty when it calls through none). Nil when the part rebinds one.
    func stableCallees(_ visit: (SyntaxWalk) -> Void) -> ValueCalls? {
        var callees: [VariableRef] = []
        var sites: [ValueCallSite] = []
        var commands: [BuiltinCommand] = []
        var written: [VariableRef] = []
        var called: Set<Int> = []
        visit(
            SyntaxWalk(
                intoFunctions: false,
                statement: { stmt, _ in
                    switch stmt {
                    case .define(let slot, _, _): written.append(.local(slot))
                    case .assign(let target, _, _), .compoundAssign(let target, _, _, _):
                        written.append(target.variable)
                    case .forIn(let keySlot, let valueSlot, _, _, _):
                        written += [keySlot, valueSlot].compactMap { $0.map(VariableRef.local) }
                    case .def(_, let ref): written.append(ref)
                    case .tryCatch(_, let catchSlot?, _, _, _): written.append(.local(catchSlot))
                    default: break
                    }
                },
                expression: { expr, depth in
                    func through(_ ref: VariableRef, _ arguments: [Expr]) {
                        callees.append(ref)
                        sites.append(ValueCallSite(callee: ref, arguments: arguments.map(\.plainVariable)))
                    }
                    if case .callValue(.variable(let ref, _, _), let arguments, _) = expr { through(ref, arguments) }
                    if case .command(let call) = expr {
                        commands.append(BuiltinCommand(name: call.name, variable: call.function))
                    }
                    if case .call(_, let ref?, let arguments, _) = expr {
                        if let slot = functions.globalSlot(of: ref, depth: depth), functions.declarations[slot] != nil {
                            called.insert(slot)
                        } else {
                            through(ref, arguments)
                        }
                    }
                }))
        guard !callees.isEmpty || !commands.isEmpty else { return ValueCalls() }
        let reached = functions.requirements(calling: called)
        guard reached.allSatisfy({ $0.declaration.isSealed }),
            !written.contains(where: { ref in
                if case .global = ref { return true }
                return callees.contains(ref) || commands.contains { $0.variable == ref }
            })
        else { return nil }
        return ValueCalls(callees: callees, sites: sites, commands: commands, writes: written)
    }
}

/// The calls a compiled part or body makes through variables, checked when it starts (see
/// ``Interpreter/admits(_:_:)``).
struct ValueCalls {
    /// The variables called through.
    var callees: [VariableRef] = []
    /// Each call, with the variables given as its arguments: a function that calls through a parameter can run
    /// compiled from a part only when every call gives a variable there, which the part then checks too.
    var sites: [ValueCallSite] = []
    /// The commands it runs as builtins: each must still name no function and no host command.
    var commands: [BuiltinCommand] = []
    /// The variables the code assigns: none may be one a function it reaches calls through.
    var writes: [VariableRef] = []
}

extension ValueCalls {
    /// Whether there is nothing to check.
    var isEmpty: Bool { callees.isEmpty && commands.isEmpty }
}

/// A command that runs a builtin (`print "x"`), and the variable of its name, which must not hold a function.
struct BuiltinCommand: Equatable {
    let name: String
    let variable: VariableRef
}

/// A call through a variable, with each argument's variable (nil for an argument that is not a plain variable).
struct ValueCallSite: Equatable {
    let callee: VariableRef
    let arguments: [VariableRef?]
}

extension Expr {
    /// The variable this expression only reads, if it is one that is known when the code is parsed.
    var plainVariable: VariableRef? {
        if case .variable(let ref, _, _) = self, !ref.isGlobal { return ref }
        return nil
    }
}

extension VariableRef {
    /// Whether it is a global looked up by name when it runs (not a variable whose frame is known when the code is
    /// parsed).
    var isGlobal: Bool {
        if case .global = self { return true }
        return false
    }
}
