/// The variables a script declares, so that each reference becomes a slot when it is parsed.
final class FunctionScope {
    let parent: FunctionScope?
    /// Innermost block last; each maps a name to its slot in this function's frame.
    var blocks: [[String: Int]]
    var slotCount: Int
    /// Names bound by `def` here: a bare `name args` calls them shell-style.
    var functionNames: Set<String> = []

    init(parent: FunctionScope?, initial: [String: Int] = [:], slotCount: Int = 0) {
        self.parent = parent
        self.blocks = [initial]
        self.slotCount = slotCount
    }

    func declare(_ name: String) -> Int {
        if let existing = blocks[blocks.count - 1][name] { return existing }
        let slot = slotCount
        slotCount += 1
        blocks[blocks.count - 1][name] = slot
        return slot
    }

    func lookupHere(_ name: String) -> Int? {
        for block in blocks.reversed() { if let slot = block[name] { return slot } }
        return nil
    }
}

/// The REPL's globals: names declared by earlier lines keep their slots for later ones.
public final class GlobalNames: @unchecked Sendable {
    var slots: [String: Int] = [:]
    var count = 0
    var functionNames: Set<String> = []
    public init() {}

    /// An independent copy, for parsing without declaring anything.
    func copy() -> GlobalNames {
        let copy = GlobalNames()
        copy.slots = slots
        copy.count = count
        copy.functionNames = functionNames
        return copy
    }

    /// The slot of a global, if one is declared.
    func slot(of name: String) -> Int? { slots[name] }
}

/// Resolution: which variable a name means where it is written — a slot of this function's frame, of an enclosing
/// function's (a closure's capture), or a global looked up when the code runs — and how many slots each frame needs.
///
/// It runs beside the parser rather than after it, because the grammar asks it: `name args` is a command unless
/// `name` is a variable or a function in scope, as in a shell, so the parser must know what is declared where.
struct Resolver {
    private(set) var scope: FunctionScope
    let globals: GlobalNames

    /// A resolver for a program, starting from the globals earlier programs (earlier prompt lines) declared.
    init(globals: GlobalNames) {
        self.globals = globals
        self.scope = FunctionScope(parent: nil, initial: globals.slots, slotCount: globals.count)
        scope.functionNames = globals.functionNames
    }

    /// What `name` means here: nil when it is no variable in scope (a global not yet known, or a command).
    func resolve(_ name: String) -> VariableRef? {
        var current: FunctionScope? = scope
        var hops = 0
        while let function = current {
            if let slot = function.lookupHere(name) { return hops == 0 ? .local(slot) : .outer(hops: hops, slot: slot) }
            current = function.parent
            hops += 1
        }
        return nil
    }

    func isVariable(_ name: String) -> Bool { resolve(name) != nil }

    /// Whether `name` was bound by `def` in a scope visible here.
    func isFunction(_ name: String) -> Bool {
        var current: FunctionScope? = scope
        while let function = current {
            if function.lookupHere(name) != nil { return function.functionNames.contains(name) }
            current = function.parent
        }
        return globals.functionNames.contains(name)
    }

    /// Declares a variable in the innermost block; returns its slot.
    func declare(_ name: String) -> Int { scope.declare(name) }

    /// Declares a function's name (a bare `name args` then calls it shell-style); returns its slot.
    func declareFunction(_ name: String) -> Int {
        scope.functionNames.insert(name)
        return scope.declare(name)
    }

    /// A block (`{ … }`, a loop's variables, a `catch`'s name) whose names end with it.
    func enterBlock() { scope.blocks.append([:]) }
    func leaveBlock() { scope.blocks.removeLast() }

    /// A function's own frame, inside the current one; returns the enclosing scope to give back to `leave`.
    mutating func enterFunction() -> FunctionScope {
        let outer = scope
        scope = FunctionScope(parent: outer)
        return outer
    }

    mutating func leave(to outer: FunctionScope) { scope = outer }

    /// Slots the current frame needs.
    var slotCount: Int { scope.slotCount }

    /// After a whole program resolved: its globals stay declared for the next one.
    func commitGlobals() {
        globals.slots = scope.blocks[0]
        globals.count = scope.slotCount
        globals.functionNames.formUnion(scope.functionNames)
    }
}
