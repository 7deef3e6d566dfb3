extension ASCIIText {
    /// Whether `byte` is whitespace: tab, line feed, vertical tab, form feed, carriage return or space, the ASCII
    /// characters `Character.isWhitespace` holds to be.
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// `split(text)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless the one argument is a string
    /// ``words(_:)`` takes.
    @inline(__always)
    static func words(_ arguments: Arguments) -> [Value]? { arguments.lendString(words) }

    /// The words of `text`, the runs of bytes between whitespace, as script strings; nil unless it is ASCII, or
    /// lone scalars whose whitespace is all ASCII (``ASCIIPattern/isLoneScalarsSpacedInASCII(_:)``).
    ///
    /// Outside ASCII, whitespace is more than these six bytes, and a space followed by a combining mark is one
    /// character that is whitespace: the general path, by characters, answers for such text. It took 23,000
    /// instructions to split `Zoé Müller dans la salle`.
    static func words(_ text: String) -> [Value]? {
        text.withBytes { bytes -> [Value]? in
            guard allASCII(bytes) || ASCIIPattern.isLoneScalarsSpacedInASCII(bytes) else { return nil }
            // Counted first, as `split` does: growing the list reallocated it at 1, 2 and 4 words.
            var count = 0
            var previousIsSpace = true
            for byte in bytes {
                let space = isSpace(byte)
                if previousIsSpace && !space { count += 1 }
                previousIsSpace = space
            }
            var words: [Value] = []
            words.reserveCapacity(count)
            var index = 0
            while words.count < count {
                while isSpace(bytes[index]) { index += 1 }
                let start = index
                while index < bytes.count && !isSpace(bytes[index]) { index += 1 }
                words.append(.string(string(UnsafeBufferPointer(rebasing: bytes[start..<index]))))
            }
            return words
        }
    }
}
