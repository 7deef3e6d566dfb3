extension ASCIIText {
    /// `join(list, separator)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless the list holds only
    /// strings and the separator, if any, is a string.
    @inline(__always)
    static func join(_ arguments: Arguments, using scratch: TextScratch) -> String? {
        guard (1...2).contains(arguments.count) else { return nil }
        return arguments.lend(0) { list in
            switch list {
            case .list(let items):
                guard arguments.count == 2 else { return join(items, "", scratch) }
                return arguments.lend(1) { separator in
                    switch separator {
                    case .string(let separator): join(items, separator, scratch)
                    default: nil
                    }
                }
            default: return nil
            }
        }
    }

    /// A list of strings joined with `separator`; nil when an item is not a string.
    ///
    /// Two passes: the lengths, then the bytes. A list of one item gives that item's string itself. A short answer
    /// (up to 15 bytes, which a string holds in itself) is written straight into the string; a longer one into the
    /// scratch, then copied: `String(unsafeUninitializedCapacity:)` checks the bytes it is given twice and sets up a
    /// large string's storage piece by piece, which cost more than the copy (a topic's `join` took 1,058
    /// instructions a call, now 1,052; four pieces of 11–21 bytes 1,327, now 1,302). Appending piece by piece paid
    /// the string's checks at every piece.
    static func join(_ items: [Value], _ separator: String, _ scratch: TextScratch) -> String? {
        var length = 0
        for index in items.indices {
            guard let count = utf8Count(items[index]) else { return nil }
            length += count
        }
        guard items.count > 1 else { return items.isEmpty ? "" : text(of: items[0]) }
        length += separator.utf8.count * (items.count - 1)
        return items.withUnsafeBufferPointer { items in
            separator.withBytes { separator in
                guard length <= 15 else {
                    return scratch.string(writing: length) { write(items, separator, to: $0) }
                }
                return String(unsafeUninitializedCapacity: length) { buffer in
                    guard let out = buffer.baseAddress else { return 0 }
                    write(items, separator, to: out)
                    return length
                }
            }
        }
    }

    /// Writes the items (two or more, all strings), `separator` between each two, to `out`.
    @inline(__always)
    private static func write(
        _ items: UnsafeBufferPointer<Value>, _ separator: UnsafeBufferPointer<UInt8>,
        to start: UnsafeMutablePointer<UInt8>
    ) {
        var out = copy(items[0], to: start)
        // A separator of one byte ("/", ",", a new line) is the common case: a store, not a copy.
        if separator.count == 1 {
            let byte = separator[0]
            for index in 1..<items.count {
                out.pointee = byte
                out = copy(items[index], to: out + 1)
            }
        } else {
            for index in 1..<items.count {
                out = copy(separator, to: out)
                out = copy(items[index], to: out)
            }
        }
    }

    /// The string a string value holds; nil for any other value.
    @inline(__always)
    private static func text(of value: borrowing Value) -> String? {
        switch value {
        case .string(let text): text
        default: nil
        }
    }

    /// The length in bytes of a string value; nil for any other value.
    @inline(__always)
    private static func utf8Count(_ value: borrowing Value) -> Int? {
        switch value {
        case .string(let text): text.utf8.count
        default: nil
        }
    }

    /// Copies a string value's bytes to `out`; where the next bytes go.
    @inline(__always)
    private static func copy(
        _ value: borrowing Value, to out: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        switch value {
        case .string(let text): text.withBytes { copy($0, to: out) }
        default: out
        }
    }

    /// Copies `bytes` to `out`; where the next bytes go.
    ///
    /// Up to 16 bytes are moved as two overlapping words or four-byte halves: most pieces of a topic or a name are
    /// that short, and a call of `memmove` costs more than the copy. Longer ones use `copyMemory`, not
    /// `update(from:count:)`: with the latter the compiler keeps each string retained across the copy.
    @inline(__always)
    static func copy(
        _ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        guard let base = bytes.baseAddress else { return out }
        let count = bytes.count
        let from = UnsafeRawPointer(base)
        let to = UnsafeMutableRawPointer(out)
        switch count {
        case 8...16:
            let head = from.loadUnaligned(as: UInt64.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 4..<8:
            let head = from.loadUnaligned(as: UInt32.self)
            let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            to.storeBytes(of: head, as: UInt32.self)
            to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 0..<4:
            for index in 0..<count { out[index] = base[index] }
        case 17...64:
            // Whole words, then the last eight bytes again: a call of `memmove` cost three times this.
            var offset = 0
            while offset + 8 < count {
                to.storeBytes(
                    of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset,
                    as: UInt64.self)
                offset += 8
            }
            let tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        default:
            to.copyMemory(from: from, byteCount: count)
        }
        return out + count
    }
}
