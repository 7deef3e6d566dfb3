/// Bytes an interpolated string is written into before it becomes a string: one block the interpreter owns.
///
/// Appending piece by piece to a `String` paid the string's checks on every piece; writing the bytes here (a
/// number's digits straight from the number) and making the string once is half the time of a typical
/// `"factory/line-${i}/temp"`. An interpolation nested in another writes above the outer one's bytes and takes its
/// own off when done, so the block is used as a stack; it may move when it grows, so users hold offsets, not
/// pointers. Like ``ArgumentStack``, it is used only by compiled code, which never suspends.
///
/// A handle, not a class: every copy names the same block, and a copy costs nothing. A class reference read out of
/// a builtin's call was a retain and a release on every `join`, `replace` and `format`. Whoever allocates it
/// deallocates it; the interpreter does so when it goes.
struct TextScratch: @unchecked Sendable {
    private struct Block {
        var storage: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var top: Int
    }

    private let block: UnsafeMutablePointer<Block>

    /// A new block of its own.
    static func allocate() -> TextScratch {
        let capacity = 256
        let block = UnsafeMutablePointer<Block>.allocate(capacity: 1)
        block.initialize(to: Block(storage: .allocate(capacity: capacity), capacity: capacity, top: 0))
        return TextScratch(block: block)
    }

    private init(block: UnsafeMutablePointer<Block>) { self.block = block }

    /// Frees the block; no copy of this handle may be used after.
    func deallocate() {
        block.pointee.storage.deallocate()
        block.deallocate()
    }

    /// Where the next byte goes.
    var top: Int {
        get { block.pointee.top }
        nonmutating set { block.pointee.top = newValue }
    }

    private var storage: UnsafeMutablePointer<UInt8> { block.pointee.storage }

    @inline(__always)
    private func reserve(_ count: Int) {
        if top + count > block.pointee.capacity { grow(count) }
    }

    @inline(never)
    private func grow(_ count: Int) {
        let larger = max(block.pointee.capacity * 2, top + count)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: storage, count: top)
        storage.deallocate()
        block.pointee.storage = moved
        block.pointee.capacity = larger
    }

    /// Inlined where it is used: text is appended a few bytes at a time (the pieces of a template or an
    /// interpolation), where a call, and a call of `memmove`, cost more than the copy.
    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        _ = ASCIIText.copy(bytes, to: storage + top)
        top += bytes.count
    }

    func append(_ text: String) {
        text.withBytes { append($0) }
    }

    /// A number's decimal digits, as `String(number)` writes them.
    func append(_ number: Int64) {
        reserve(20)
        let storage = storage
        var magnitude = number.magnitude
        var digits = 0
        repeat {
            digits += 1
            magnitude /= 10
        } while magnitude > 0
        if number < 0 {
            storage[top] = UInt8(ascii: "-")
            top += 1
        }
        magnitude = number.magnitude
        for index in stride(from: top + digits - 1, through: top, by: -1) {
            storage[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
        top += digits
    }

    /// A value's text as `print` and `${…}` show it: a string's bytes, an integer's digits, else `displayText`.
    func append(display value: Value) {
        switch value {
        case .string(let text): append(text)
        case .int(let number): append(number)
        default: append(value.displayText)
        }
    }

    /// A string of `count` bytes that `body` writes, from where it is given, in the scratch; they are taken off.
    @inline(__always)
    func string(writing count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) -> String {
        reserve(count)
        body(storage + top)
        return ASCIIText.string(UnsafeBufferPointer(start: storage + top, count: count))
    }

    /// The bytes written since `mark`, as a string; they are taken off.
    func string(from mark: Int) -> String {
        defer { top = mark }
        return ASCIIText.string(UnsafeBufferPointer(start: storage + mark, count: top - mark))
    }
}

/// Text written in a script, kept as bytes for ``TextScratch``.
final class LiteralBytes: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ text: String) {
        bytes = .allocate(capacity: text.utf8.count)
        _ = bytes.initialize(from: text.utf8)
    }

    deinit { bytes.deallocate() }
}
