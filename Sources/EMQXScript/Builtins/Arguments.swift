/// A synchronous builtin's arguments, read where the caller computed them.
///
/// Compiled code computes them onto the interpreter's ``ArgumentStack``: an array per call was an allocation, a
/// free and a lookup of the array's type metadata, a visible share of a loop calling `split` or `replace`. Other
/// callers lend them through ``with(_:_:)``. Either way they sit in memory the interpreter owns for the call, which
/// is what lets ``lend(_:_:)`` move one out and back. Valid only during the call.
struct Arguments: RandomAccessCollection {
    let base: UnsafePointer<Value>
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The argument at `index`, read in place: a builtin that only looks at it (`switch args[0]`) copies nothing.
    subscript(index: Int) -> Value {
        unsafeAddress {
            precondition(index >= 0 && index < count, "argument index out of range")
            return base + index
        }
    }

    /// Calls `body` with the argument at `index`, moved out of its place for the call and put back after.
    ///
    /// A value read from memory and held across a call (a string searched, a list walked) is copied by the
    /// compiler, a retain and a release, in case the call changes that memory; a value moved out is the builtin's
    /// own, and lending it copies nothing. The bits put back are the bits taken.
    @inline(__always)
    func lend<Result>(_ index: Int, _ body: (borrowing Value) throws -> Result) rethrows -> Result {
        precondition(index >= 0 && index < count, "argument index out of range")
        let place = UnsafeMutablePointer(mutating: base + index)
        let value = place.move()
        defer { place.initialize(to: value) }
        return try body(value)
    }

    /// Calls `body` with the one argument, lent (``lend(_:_:)``), when it is a string; nil for another count or
    /// value, where a builtin's short way leaves the call to its body.
    @inline(__always)
    func lendString<Result>(_ body: (String) -> Result?) -> Result? {
        guard count == 1 else { return nil }
        return lend(0) { value in
            switch value {
            case .string(let text): body(text)
            default: nil
            }
        }
    }

    /// Calls `body` with the two arguments, lent, when both are strings; nil for another count or values.
    @inline(__always)
    func lendStrings<Result>(_ body: (String, String) -> Result?) -> Result? {
        guard count == 2 else { return nil }
        return lend(0) { first in
            lend(1) { second in
                switch (first, second) {
                case (.string(let first), .string(let second)): body(first, second)
                default: nil
                }
            }
        }
    }

    /// Calls `body` with the items of `values` as arguments, lent bit for bit into memory of the call's own (see
    /// ``lend(_:_:)``): `values`, which the caller holds for the call, keeps them alive, and the copy is dropped, not
    /// released.
    static func with<Result>(_ values: [Value], _ body: (Arguments) throws -> Result) rethrows -> Result {
        try withUnsafeTemporaryAllocation(of: Value.self, capacity: Swift.max(values.count, 1)) { places in
            let base = places.baseAddress!
            values.withUnsafeBufferPointer { values in
                guard let source = values.baseAddress else { return }
                UnsafeMutableRawPointer(base).copyMemory(
                    from: source, byteCount: values.count * MemoryLayout<Value>.stride)
            }
            return try body(Arguments(base: base, count: values.count))
        }
    }
}

/// Where compiled code computes a builtin's arguments: one block of memory the interpreter owns, used as a stack.
///
/// Arguments of nested calls go above those of the call around them, and each call takes its own off when it
/// ends, thrown or not. Compiled code never suspends, so the stack is empty whenever other code of the interpreter
/// runs (see ``ParallelGate``). It grows as needed: a call reads `base` only once all its arguments are pushed, and
/// nothing is pushed while a builtin runs (no synchronous builtin runs script code).
final class ArgumentStack: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var base: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) private var capacity = 256
    @exclusivity(unchecked) var top = 0

    init() { base = .allocate(capacity: capacity) }

    deinit {
        base.deinitialize(count: top)
        base.deallocate()
    }

    /// Makes room for one more value at `top`.
    @inline(__always)
    func reserveOne() {
        if top == capacity { grow() }
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Value>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: top)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    @inline(__always)
    func push(_ value: consuming Value) {
        reserveOne()
        (base + top).initialize(to: value)
        top += 1
    }

    /// Takes off everything above `mark`.
    @inline(__always)
    func pop(to mark: Int) {
        (base + mark).deinitialize(count: top - mark)
        top = mark
    }
}
