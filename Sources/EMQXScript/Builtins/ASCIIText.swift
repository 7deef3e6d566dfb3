/// Byte-level text work for ASCII, where bytes and characters are the same thing: the general paths walk grapheme
/// clusters (a topic split at `/` cost several times CPython's time there).
///
/// Each walks the text once, checking it is ASCII as it goes, and allocates only what it returns: these run once per
/// item in a script's loops, where an extra array per call was a measurable share of the time.
enum ASCIIText {
    /// Whether `byte` is a character on its own: ASCII, and not a carriage return (`\r\n` is one character to the
    /// general paths). Text of such bytes only is what these paths answer for.
    @inline(__always)
    static func isWholeCharacter(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x0D }

    /// Whether every byte of `bytes` is a character on its own (``isWholeCharacter(_:)``), tested eight bytes at a
    /// time: byte by byte, this test was most of the time `split`, `replace` and `len` spent on a topic.
    static func allWholeCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if Word.notWhole(word) != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if !isWholeCharacter(base[index]) { return false }
            index += 1
        }
        return true
    }

    /// Where the next `byte` is in `bytes`, from `start` on; eight bytes at a time, like ``allWholeCharacters(_:)``.
    static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let repeated = Word.repeating(byte)
        var index = start
        while index + 8 <= bytes.count {
            let zeros = Word.zeroBytes(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ repeated)
            // The lowest marked byte is exact (a false mark can only follow a true one), and the lowest byte of a
            // word read from memory is the first.
            if zeros != 0 { return index + zeros.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count {
            if base[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Eight bytes in a `UInt64`, tested at once.
    enum Word {
        static let high: UInt64 = 0x8080_8080_8080_8080

        @inline(__always)
        static func repeating(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

        /// A word of `bytes` from `index` on; eight bytes must be there.
        @inline(__always)
        static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
            UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
        }

        /// The high bit of each zero byte of `word` set (and perhaps of some bytes after a zero one): zero exactly
        /// when no byte is.
        @inline(__always)
        static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- repeating(1)) & ~word & high }

        /// The high bit of each zero byte of `word` set, and of no other: no carry crosses a byte.
        @inline(__always)
        static func exactZeroBytes(_ word: UInt64) -> UInt64 {
            let low = repeating(0x7F)
            return ~(((word & low) &+ low) | word | low)
        }

        /// The high bit of each byte of `word` that is not a character on its own (``isWholeCharacter(_:)``) set,
        /// the lowest exactly (marks after a carriage return may be false): zero exactly when every byte is one.
        @inline(__always)
        static func notWhole(_ word: UInt64) -> UInt64 { (word & high) | zeroBytes(word ^ repeating(0x0D)) }
    }

    /// Whether `pattern` (not empty) is in `bytes` at `index`.
    @inline(__always)
    static func holds<Pattern: RandomAccessCollection<UInt8>>(
        _ pattern: Pattern, in bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> Bool where Pattern.Index == Int {
        index + pattern.count <= bytes.count && pattern.indices.allSatisfy { bytes[index + $0] == pattern[$0] }
    }

    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        return text.withBytes(allASCII)
    }

    /// Whether every byte of `bytes` is ASCII, tested eight at a time.
    static func allASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & Word.high != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if base[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// `contains(text, part)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless both are strings and
    /// bytes can tell (the next function): a list or a map, and other text, go to the body.
    @inline(__always)
    static func contains(_ arguments: Arguments) -> Bool? { arguments.lendStrings(contains) }

    /// Whether `text` holds `part`, found by bytes; nil unless `part` is ASCII and not empty and bytes can tell
    /// (``ASCIIPattern``): the general search builds a table of characters per call.
    static func contains(_ text: String, _ part: String) -> Bool? {
        part.withBytes { part -> Bool? in
            guard let pattern = ASCIIPattern(part) else { return nil }
            return text.withBytes(pattern.isIn)
        }
    }

    /// `text` without the whitespace at either end, by bytes; nil unless it is ASCII, or lone scalars
    /// (``ASCIIPattern/isLoneScalars(_:)``) with no whitespace outside ASCII at an end. Whitespace in ASCII is tab,
    /// line feed, vertical tab, form feed, carriage return and space, as `Character.isWhitespace` says (a `\r\n`
    /// at an end goes either way).
    static func trimmed(_ text: String) -> String? {
        text.withBytes { bytes -> String? in
            guard allASCII(bytes) || ASCIIPattern.isLoneScalars(bytes) else { return nil }
            var start = 0
            var end = bytes.count
            while start < end && isSpace(bytes[start]) { start += 1 }
            while end > start && isSpace(bytes[end - 1]) { end -= 1 }
            // A no-break space or an ideographic space is whitespace too: the general path trims those.
            if start < end && bytes[start] >= 0x80 && isWhitespace(ASCIIPattern.scalar(at: start, in: bytes))
                || start < end && bytes[end - 1] >= 0x80 && isWhitespace(ASCIIPattern.scalar(endingAt: end, in: bytes))
            {
                return nil
            }
            guard start > 0 || end < bytes.count else { return text }
            return string(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
    }

    /// Whether a scalar is whitespace, as `Character.isWhitespace` says of a character of it alone.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar)?.properties.isWhitespace ?? false
    }

    /// A string of `bytes`, repaired as `String(decoding:as:)` repairs text that is not UTF-8.
    ///
    /// A short one (up to 15 bytes, which a string holds in itself) is built in place: `String(decoding:as:)`
    /// checks the bytes, then packs them one by one, where this packs them as they are written and checks only
    /// text that is not ASCII. A step of a topic's `split` into four took 2,173 instructions one way and 1,858 the
    /// other. A longer one costs more this way: `replace`'s 32-byte answer took 70 instructions more.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 15 else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            guard let out = buffer.baseAddress else { return 0 }
            _ = copy(bytes, to: out)
            return bytes.count
        }
    }

    /// Whether `text`'s bytes hold `pattern` (not empty).
    static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first else { return false }
        return text.withBytes { bytes in
            pattern.withUnsafeBufferPointer { holdsSomewhere($0, first, in: bytes) }
        }
    }

    /// Whether `pattern`, which starts with `first`, is somewhere in `bytes`: found from one `first` to the next.
    private static func holdsSomewhere(
        _ pattern: UnsafeBufferPointer<UInt8>, _ first: UInt8, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        var index = 0
        while let found = next(first, in: bytes, from: index) {
            if holds(pattern, in: bytes, at: found) { return true }
            index = found + 1
        }
        return false
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when it is stored contiguously (a Swift string
    /// always is): `withUTF8` needs a `var`, which costs a copy of the string, a retain and a release, per call.
    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
