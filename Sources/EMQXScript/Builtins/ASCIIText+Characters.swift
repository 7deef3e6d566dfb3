extension ASCIIText {
    /// How many characters `text` has, as `len` counts: its bytes when it is ASCII without a carriage return, its
    /// scalars when it is lone scalars (``ASCIIPattern/isLoneScalars(_:)``), else `count`, which walks grapheme
    /// clusters (a French topic's `len` took 1,590 instructions that way).
    static func characterCount(_ text: String) -> Int {
        let counted = text.withBytes { bytes -> Int? in
            if allWholeCharacters(bytes) { return bytes.count }
            return ASCIIPattern.isLoneScalars(bytes) ? scalarCount(bytes) : nil
        }
        return counted ?? text.count
    }

    /// The characters of `text` at the character offsets `range` (within its count), as `slice` and `text[i]` take
    /// them: by bytes where a character is a byte or a scalar, as in ``characterCount(_:)``. Making an array of
    /// every character first, as these did, cost 14,500 instructions for `slice(topic, 0, 5)`.
    static func characters(of text: String, _ range: Range<Int>) -> String {
        let sliced = text.withBytes { bytes -> String? in
            if allWholeCharacters(bytes) { return string(UnsafeBufferPointer(rebasing: bytes[range])) }
            guard ASCIIPattern.isLoneScalars(bytes) else { return nil }
            let start = offset(ofScalar: range.lowerBound, in: bytes, from: 0)
            let end = offset(ofScalar: range.count, in: bytes, from: start)
            return string(UnsafeBufferPointer(rebasing: bytes[start..<end]))
        }
        if let sliced { return sliced }
        let start = text.index(text.startIndex, offsetBy: range.lowerBound)
        return String(text[start..<text.index(start, offsetBy: range.count)])
    }

    /// `slice(text, from, to)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless the first is a string
    /// and the others integers: a list, and the errors, are the body's.
    @inline(__always)
    static func slice(_ arguments: Arguments) -> String? {
        guard (2...3).contains(arguments.count), case .int(let from) = arguments[1] else { return nil }
        var to: Int64?
        if arguments.count == 3 {
            guard case .int(let upper) = arguments[2] else { return nil }
            to = upper
        }
        return arguments.lend(0) { value in
            switch value {
            case .string(let text): slice(text, from: from, to: to)
            default: nil
            }
        }
    }

    /// The characters of `text` from `from` up to `to` (its end when nil), each counted from the end when
    /// negative and kept within the text, as `slice` takes them.
    static func slice(_ text: String, from: Int64, to: Int64?) -> String {
        let range = sliceRange(characterCount(text), from: from, to: to)
        return range.isEmpty ? "" : characters(of: text, range)
    }

    /// What `slice` takes of `count` items or characters: from `from` up to `to` (the end when nil), each counted
    /// from the end when negative and kept within `0...count`; empty when they cross.
    static func sliceRange(_ count: Int, from: Int64, to: Int64?) -> Range<Int> {
        func clamp(_ offset: Int64) -> Int {
            Int(max(0, min(Int64(count), offset < 0 ? Int64(count) + offset : offset)))
        }
        let lower = clamp(from)
        return lower..<max(lower, to.map(clamp) ?? count)
    }

    /// How many scalars valid UTF-8 `bytes` hold: the bytes that do not continue a scalar.
    private static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Where the scalar `scalars` scalars on from the byte offset `start` begins, in valid UTF-8 `bytes`.
    private static func offset(ofScalar scalars: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        for _ in 0..<scalars {
            let byte = bytes[index]
            index += byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        }
        return index
    }

    /// `text` with its characters in reverse order, by bytes where a character is a byte or a scalar (as in
    /// ``characterCount(_:)``); nil for other text. Through characters, a French word took 9,600 instructions.
    static func reversed(_ text: String) -> String? {
        text.withBytes { bytes -> String? in
            // Lone scalars hold ASCII text without a carriage return too.
            guard ASCIIPattern.isLoneScalars(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var end = bytes.count
                var out = 0
                while end > 0 {
                    var start = end - 1
                    while bytes[start] & 0xC0 == 0x80 { start -= 1 }
                    for index in start..<end {
                        buffer[out] = bytes[index]
                        out += 1
                    }
                    end = start
                }
                return bytes.count
            }
        }
    }

    /// The one-character string of an ASCII byte.
    @inline(__always)
    static func character(_ byte: UInt8) -> String { asciiCharacters[Int(byte & 0x7F)] }

    /// The 128 one-character strings of ASCII, made once.
    private static let asciiCharacters = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
}
