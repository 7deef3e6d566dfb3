/// Whether compiled code may call functions through variables: every function it can reach that way is compiled
/// whole, and nothing that runs can rebind a variable it calls through (see ``Purity``).
///
/// Checked when a compiled part starts and when a body that calls through variables is entered from the general
/// evaluator or a builtin: a variable called through from compiled code is never checked again, so a function that
/// could suspend must not get into one while the compiled code runs.
extension Interpreter {
    /// What a check has found so far: the variables called through (which must keep their functions), the
    /// variables assigned by the code that runs, and the functions already looked at.
    struct ValueCalleeCheck {
        var guarded: [(frame: Frame, slot: Int)] = []
        var assigned: [(frame: Frame, slot: Int)] = []
        var seen: [ObjectIdentifier] = []

        /// Whether no variable called through is one the code assigns.
        var isSafe: Bool {
            guarded.allSatisfy { held in !assigned.contains { $0.frame === held.frame && $0.slot == held.slot } }
        }
    }

    /// Whether a compiled part may start: each variable in `callees` holds a function that can run compiled, and
    /// neither the part (`writes`) nor anything it reaches assigns a variable called through.
    func admits(_ callees: [VariableRef], writes: [VariableRef], _ context: Context) -> Bool {
        guard !callees.isEmpty else { return true }
        var check = ValueCalleeCheck()
        for variable in writes {
            if let (frame, slot) = frame(of: variable, context) { check.assigned.append((frame, slot)) }
        }
        for variable in callees {
            guard let (frame, slot) = frame(of: variable, context) else { return false }
            check.guarded.append((frame, slot))
            guard admit(frame.slots[slot], &check) else { return false }
        }
        return check.isSafe
    }

    /// Whether a call of `function` with `arguments` may run its compiled body, when the body calls through
    /// variables: the parameters it calls through are checked here, where the arguments are known.
    func admitsCall(_ function: FunctionValue, _ body: CompiledStatement, _ arguments: [Value]) -> Bool {
        var check = ValueCalleeCheck()
        guard admit(function, body, &check, arguments: arguments, depth: 0) else { return false }
        return check.isSafe
    }

    /// Whether `function` may run its compiled body for any arguments, as a builtin calls it for each item.
    func admits(_ function: FunctionValue, _ body: CompiledStatement) -> Bool {
        var check = ValueCalleeCheck()
        guard admit(function, body, &check, arguments: nil, depth: 0) else { return false }
        return check.isSafe
    }

    /// Whether `value` is a function that can run compiled from a part, recording what it calls through and
    /// assigns. A function that calls through one of its parameters cannot: a part does not know the arguments.
    private func admit(_ value: Value, _ check: inout ValueCalleeCheck, depth: Int = 0) -> Bool {
        guard case .function(let function) = value, let body = function.declaration.compiledBody else { return false }
        return admit(function, body, &check, arguments: nil, depth: depth)
    }

    private func admit(
        _ function: FunctionValue, _ body: CompiledStatement, _ check: inout ValueCalleeCheck, arguments: [Value]?,
        depth: Int
    ) -> Bool {
        // A chain this deep is no program's; the general evaluator runs it.
        guard depth < 16, holds(body.requirements) else { return false }
        let identity = ObjectIdentifier(function)
        if arguments == nil, check.seen.contains(identity) { return true }
        check.seen.append(identity)
        let declaration = function.declaration
        if !declaration.isSealed {
            // What the top-level functions it calls assign is not recorded; they must assign nothing.
            guard body.requirements.allSatisfy({ $0.declaration.isSealed }) else { return false }
            for variable in declaration.outerWrites {
                guard let place = place(of: variable, seenFrom: function) else { return false }
                check.assigned.append(place)
            }
        }
        for variable in body.valueCallees {
            if case .local(let slot) = variable {
                // A parameter: nothing but the body could assign it, and the body does not.
                guard let arguments, slot < arguments.count, slot < body.parameterCount,
                    admit(arguments[slot], &check, depth: depth + 1)
                else { return false }
                continue
            }
            guard let place = place(of: variable, seenFrom: function) else { return false }
            check.guarded.append(place)
            guard admit(place.frame.slots[place.slot], &check, depth: depth + 1) else { return false }
        }
        return true
    }

    /// Where a variable that `function`'s body names outside its own frame lives.
    private func place(of variable: VariableRef, seenFrom function: FunctionValue) -> (frame: Frame, slot: Int)? {
        switch variable {
        case .local: return nil
        case .outer(let hops, let slot):
            var frame = function.captured
            for _ in 1..<max(hops, 1) { frame = frame.parent ?? frame }
            return (frame, slot)
        case .global(let name):
            guard let slot = globals.slot(of: name), slot < globalFrame.count else { return nil }
            return (globalFrame, slot)
        }
    }
}
