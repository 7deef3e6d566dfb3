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
