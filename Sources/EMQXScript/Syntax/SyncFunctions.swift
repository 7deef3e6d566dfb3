/// The top-level functions of one program that can be called without suspending (`def fib(n)` whose body has no
/// command and calls only such functions), so recursion and helper calls run as plain calls instead of async ones.
///
/// A call is late-bound: `fib` means whatever the global `fib` holds when the call runs. Two rules keep the
/// synchronous call faithful to that. The program may bind the function's global only by that one top-level `def`
/// (no other `def`, `let`, assignment, loop or `catch` variable of the name), so nothing running inside a
/// synchronous part can rebind it. And each synchronous part checks, when it starts, that every function it reaches
/// is still the one this program defined (a REPL line or a sourced file may have redefined it since); when one is
/// not, the part runs through the general evaluator instead.
struct SyncFunctions {
    /// The functions, by global slot.
    private(set) var declarations: [Int: FunctionDecl] = [:]
    /// For each function, the slots of the functions its body calls, directly or through others.
    private var reach: [Int: Set<Int>] = [:]

    init() {}

    init(program statements: [Stmt]) {
        var candidates = Self.singleDefinitions(statements)
        guard !candidates.isEmpty else { return }
        // A function whose body suspends, or calls one that does, is no candidate; repeat until none drops out.
        while true {
            let rules = Purity(functions: SyncFunctions(declarations: candidates), depth: 1)
            let kept = candidates.filter {
                $0.value.body.allSatisfy(rules.isPure)
                    && $0.value.parameters.allSatisfy { $0.defaultValue.map(rules.isPure) ?? true }
            }
            if kept.count == candidates.count { break }
            candidates = kept
        }
        declarations = candidates
        var direct: [Int: Set<Int>] = [:]
        for (slot, declaration) in candidates {
            direct[slot] = calledSlots { walk in
                walk.walk(declaration.body, depth: 1)
                for case let defaultValue? in declaration.parameters.map(\.defaultValue) {
                    walk.walk(defaultValue, depth: 1)
                }
            }
        }
        for slot in candidates.keys {
            var seen: Set<Int> = []
            var pending = Array(direct[slot] ?? [])
            while let next = pending.popLast() {
                if seen.insert(next).inserted { pending.append(contentsOf: direct[next] ?? []) }
            }
            reach[slot] = seen
        }
        // Sealed: writes no variable outside its own frame, and calls only functions that are sealed too.
        for (slot, declaration) in candidates {
            declaration.isSealed =
                !Self.writesOutsideItsFrame(declaration.body)
                && (reach[slot] ?? []).allSatisfy { !Self.writesOutsideItsFrame(candidates[$0]?.body ?? []) }
        }
    }

    /// Whether a function body assigns (or defines a function in) a variable of another frame.
    static func writesOutsideItsFrame(_ body: [Stmt]) -> Bool { !outerWrites(body).isEmpty }

    /// The variables of other frames a function body assigns (or defines a function in), as its body names them.
    static func outerWrites(_ body: [Stmt]) -> [VariableRef] {
        var writes: [VariableRef] = []
        SyntaxWalk(
            intoFunctions: false,
            statement: { stmt, _ in
                switch stmt {
                case .assign(let target, _, _), .compoundAssign(let target, _, _, _):
                    if case .local = target.variable {} else { writes.append(target.variable) }
                case .def(_, let ref):
                    if case .local = ref {} else { writes.append(ref) }
                default: break
                }
            }
        ).walk(body, depth: 1)
        return writes
    }

    private init(declarations: [Int: FunctionDecl]) {
        self.declarations = declarations
    }

    /// The global slot a reference names, seen from code `depth` function frames deep; nil for any other variable.
    func globalSlot(of ref: VariableRef, depth: Int) -> Int? {
        switch ref {
        case .local(let slot): return depth == 0 ? slot : nil
        case .outer(let hops, let slot): return hops == depth ? slot : nil
        case .global: return nil
        }
    }

    /// The slots of these functions called in the code `visit` walks (not inside the functions written there).
    func calledSlots(_ visit: (SyntaxWalk) -> Void) -> Set<Int> {
        var slots: Set<Int> = []
        visit(
            SyntaxWalk(
                intoFunctions: false,
                expression: { expr, depth in
                    if case .call(_, let ref?, _, _) = expr, let slot = globalSlot(of: ref, depth: depth),
                        declarations[slot] != nil
                    {
                        slots.insert(slot)
                    }
                }))
        return slots
    }

    /// What a part calling the functions in `slots` needs to hold when it starts: those and all they reach.
    func requirements(calling slots: Set<Int>) -> [SyncRequirement] {
        var all = slots
        for slot in slots { all.formUnion(reach[slot] ?? []) }
        return all.sorted().compactMap { slot in
            declarations[slot].map { SyncRequirement(slot: slot, declaration: $0) }
        }
    }

    /// The top-level `def`s that are the only binding of their global in the whole program.
    private static func singleDefinitions(_ statements: [Stmt]) -> [Int: FunctionDecl] {
        var definitions: [Int: [FunctionDecl]] = [:]
        for case .def(let declaration, .local(let slot)) in statements {
            definitions[slot, default: []].append(declaration)
        }
        let topLevel = Set(definitions.values.flatMap { $0 }.map(ObjectIdentifier.init))
        var rebound: Set<Int> = []
        var reboundNames: Set<String> = []
        let rules = SyncFunctions()
        func note(_ ref: VariableRef, _ depth: Int) {
            if let slot = rules.globalSlot(of: ref, depth: depth) { rebound.insert(slot) }
            if case .global(let name) = ref { reboundNames.insert(name) }
        }
        SyntaxWalk(
            intoFunctions: true,
            statement: { stmt, depth in
                switch stmt {
                case .define(let slot, _, _): if depth == 0 { rebound.insert(slot) }
                case .assign(let target, _, _), .compoundAssign(let target, _, _, _): note(target.variable, depth)
                case .forIn(let keySlot, let valueSlot, _, _, _):
                    if depth == 0 { rebound.formUnion([keySlot, valueSlot].compactMap { $0 }) }
                case .tryCatch(_, let catchSlot?, _, _, _): if depth == 0 { rebound.insert(catchSlot) }
                case .def(let declaration, let ref):
                    if !topLevel.contains(ObjectIdentifier(declaration)) { note(ref, depth) }
                default: break
                }
            }
        ).walk(statements, depth: 0)
        var single: [Int: FunctionDecl] = [:]
        for (slot, declarations) in definitions {
            guard declarations.count == 1, let declaration = declarations.first, !rebound.contains(slot),
                !reboundNames.contains(declaration.name)
            else { continue }
            single[slot] = declaration
        }
        return single
    }
}

/// A synchronous function a compiled part calls: the global slot must still hold it when the part starts.
struct SyncRequirement {
    let slot: Int
    let declaration: FunctionDecl
}
