/// Whether compiled code may call functions through variables: every function it can reach that way is compiled
/// whole, and nothing that runs can rebind a variable it calls through (see ``Purity``).
///
/// Checked when a compiled part starts and when a body that calls through variables is entered from the general
/// evaluator or a builtin. Compiled code never checks a variable again when it calls through it, so a function
/// that could suspend must not get into one while the compiled code runs.
extension Interpreter {
    /// What a check has found so far: the variables called through (which must keep their functions) and the
    /// variables the code that runs assigns.
    struct ValueCalleeCheck {
        var guarded: [(frame: Frame, slot: Int)] = []
        var assigned: [(frame: Frame, slot: Int)] = []
        /// Functions found able to run compiled with any arguments.
        var admitted: [ObjectIdentifier] = []

        /// Whether no variable called through is one the code assigns.
        var isSafe: Bool {
            guarded.allSatisfy { held in !assigned.contains { $0.frame === held.frame && $0.slot == held.slot } }
        }
    }

    /// How a check knows the parameters a body calls through.
    enum ParameterValues {
        /// Not at all: the body may run compiled only if it calls through none.
        case unknown
        /// The arguments of the call about to run.
        case arguments([Value])
        /// What the calls of a part through `callee` give: a parameter may be called through when every call gives
        /// a variable for it.
        case given(ValueCalls, callee: VariableRef, Context)
    }

    /// Whether a compiled part may start: each variable it calls through holds a function that can run compiled
    /// with what the part gives it, and neither the part nor anything it reaches assigns a variable called through.
    func admits(_ calls: ValueCalls, _ context: Context) -> Bool {
        guard !calls.isEmpty else { return true }
        var check = ValueCalleeCheck()
        for variable in calls.writes {
            if let place = frame(of: variable, context) { check.assigned.append(place) }
        }
        for command in calls.commands {
            guard admit(command, at: frame(of: command.variable, context), &check) else { return false }
        }
        for variable in calls.callees {
            guard let (frame, slot) = frame(of: variable, context) else { return false }
            check.guarded.append((frame, slot))
            guard case .function(let function) = frame.slots[slot], let body = function.declaration.compiledBody,
                admit(function, body, &check, parameters: .given(calls, callee: variable, context), depth: 0)
            else { return false }
        }
        return check.isSafe
    }

    /// Whether a call of `function` with `arguments` may run its compiled body, when the body calls through
    /// variables.
    func admitsCall(_ function: FunctionValue, _ body: CompiledStatement, _ arguments: [Value]) -> Bool {
        var check = ValueCalleeCheck()
        return admit(function, body, &check, parameters: .arguments(arguments), depth: 0) && check.isSafe
    }

    /// Whether `function` may run its compiled body for any arguments, as a builtin calls it for each item.
    func admitsAnyArguments(_ function: FunctionValue, _ body: CompiledStatement) -> Bool {
        var check = ValueCalleeCheck()
        return admit(function, body, &check, parameters: .unknown, depth: 0) && check.isSafe
    }

    private func admit(
        _ function: FunctionValue, _ body: CompiledStatement, _ check: inout ValueCalleeCheck,
        parameters: ParameterValues, depth: Int
    ) -> Bool {
        // A chain this deep is no program's; the general evaluator runs it.
        guard depth < 16, holds(body.requirements) else { return false }
        let identity = ObjectIdentifier(function)
        if check.admitted.contains(identity) { return true }
        let declaration = function.declaration
        if !declaration.isSealed {
            // What the top-level functions it calls assign is not recorded; they must assign nothing.
            guard body.requirements.allSatisfy({ $0.declaration.isSealed }) else { return false }
            for variable in declaration.outerWrites {
                guard let place = place(of: variable, seenFrom: function) else { return false }
                check.assigned.append(place)
            }
        }
        let callsThroughParameters = body.valueCallees.contains {
            if case .local = $0 { return true }
            return false
        }
        // Admitted for any arguments when they do not matter; noted before its callees, which may reach it again.
        if !callsThroughParameters { check.admitted.append(identity) }
        for command in body.valueCalls.commands {
            guard admit(command, at: place(of: command.variable, seenFrom: function), &check) else { return false }
        }
        for variable in body.valueCallees {
            if case .local(let slot) = variable {
                // A parameter: nothing but the body could assign it, and the body does not.
                guard slot < body.parameterCount, admitParameter(slot, parameters, &check, depth: depth) else {
                    return false
                }
                continue
            }
            guard let place = place(of: variable, seenFrom: function) else { return false }
            check.guarded.append(place)
            guard admit(place.frame.slots[place.slot], &check, depth: depth + 1) else { return false }
        }
        return true
    }

    /// Whether what a call gives for the parameter in `slot` can run compiled.
    private func admitParameter(
        _ slot: Int, _ parameters: ParameterValues, _ check: inout ValueCalleeCheck, depth: Int
    ) -> Bool {
        switch parameters {
        case .unknown: return false
        case .arguments(let values): return slot < values.count && admit(values[slot], &check, depth: depth + 1)
        case .given(let calls, let callee, let context):
            for site in calls.sites where site.callee == callee {
                guard slot < site.arguments.count, let variable = site.arguments[slot],
                    let (frame, given) = frame(of: variable, context)
                else { return false }
                check.guarded.append((frame, given))
                guard admit(frame.slots[given], &check, depth: depth + 1) else { return false }
            }
            return true
        }
    }

    /// Whether a builtin in command form runs as the builtin: no host command has its name, and the variable of its
    /// name (at `place`) holds no function and is guarded from now on.
    ///
    /// No place: a global not yet defined, which holds no function and which nothing compiled can define (see
    /// ``place(of:seenFrom:)``); or, in a body, a local of that name (rare), which sends the body to the general
    /// evaluator rather than being checked.
    private func admit(
        _ command: BuiltinCommand, at place: (frame: Frame, slot: Int)?, _ check: inout ValueCalleeCheck
    ) -> Bool {
        guard !host.hasCommand(command.name) else { return false }
        guard let place else { return command.variable.isGlobal }
        guard !place.frame.slots[place.slot].isFunction else { return false }
        check.guarded.append(place)
        return true
    }

    /// Whether `value` is a function that can run compiled with any arguments.
    private func admit(_ value: Value, _ check: inout ValueCalleeCheck, depth: Int) -> Bool {
        guard case .function(let function) = value, let body = function.declaration.compiledBody else { return false }
        return admit(function, body, &check, parameters: .unknown, depth: depth)
    }

    /// Where a variable that `function`'s body names outside its own frame lives.
    private func place(of variable: VariableRef, seenFrom function: FunctionValue) -> (frame: Frame, slot: Int)? {
        switch variable {
        case .local: return nil
        case .outer(let hops, let slot):
            var frame = function.captured
            for _ in 1..<max(hops, 1) { frame = frame.parent ?? frame }
            return (frame, slot)
        case .global(let name): return globalPlace(name)
        }
    }
}

extension Value {
    fileprivate var isFunction: Bool {
        if case .function = self { return true }
        return false
    }
}
