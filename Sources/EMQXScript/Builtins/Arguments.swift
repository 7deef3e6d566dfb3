/// A synchronous builtin's arguments, read where the caller computed them.
///
/// Compiled code computes them onto the interpreter's ``ArgumentStack``: an array per call was an allocation, a
/// free and a lookup of the array's type metadata, a visible share of a loop calling `split` or `replace`. Valid
/// only during the call.
struct Arguments: RandomAccessCollection {
    let base: UnsafePointer<Value>
    let count: Int

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Value {
        precondition(index >= 0 && index < count, "argument index out of range")
        return base[index]
    }

    /// Calls `body` with the items of `values` as arguments.
    static func with<Result>(_ values: [Value], _ body: (Arguments) throws -> Result) rethrows -> Result {
        try values.withUnsafeBufferPointer { buffer in
            // An empty array may have no storage; any pointer serves for no arguments.
            guard let base = buffer.baseAddress else {
                return try withUnsafePointer(to: Value.null) { try body(Arguments(base: $0, count: 0)) }
            }
            return try body(Arguments(base: base, count: buffer.count))
        }
    }
}

/// Where compiled code computes a builtin's arguments: one block of memory the interpreter owns, used as a stack.
///
/// Arguments of nested calls go above those of the call around them, and each call takes its own off when it
/// ends, thrown or not. Compiled code never suspends, so the stack is empty whenever other code of the interpreter
/// runs (see ``ParallelGate``). A call that would pass the end computes its arguments into an array instead.
final class ArgumentStack: @unchecked Sendable {
    /// How many values it holds at most; untouched pages of it cost no memory.
    static let capacity = 1 << 14
    let base: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) var top = 0

    init() { base = .allocate(capacity: Self.capacity) }

    deinit {
        base.deinitialize(count: top)
        base.deallocate()
    }

    /// Whether `count` more values fit.
    @inline(__always)
    func fits(_ count: Int) -> Bool { top + count <= Self.capacity }

    @inline(__always)
    func push(_ value: consuming Value) {
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
