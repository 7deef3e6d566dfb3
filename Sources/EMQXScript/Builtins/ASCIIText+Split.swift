extension ASCIIText {
    /// `split(text, separator)` or `split(text)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless
    /// both are strings and bytes can split the text at the separator (``split(_:_:)``), or the one is an ASCII
    /// string (``words(_:)``).
    @inline(__always)
    static func split(_ arguments: Arguments) -> [Value]? {
        arguments.count == 2 ? arguments.lendStrings(split) : words(arguments)
    }

    /// `text` split at each `separator`, empty pieces kept, as script strings; nil unless the separator is ASCII
    /// and not empty and each of its occurrences is whole characters of the text (``ASCIIPattern``).
    ///
    /// Two walks: one to count the pieces, one to make them, into a list reserved at their number (growing it
    /// piece by piece reallocated it at 1, 2 and 4 pieces). Not `Array(unsafeUninitializedCapacity:)`: the
    /// standard library does not specialise it, and looking up the list's generic type at run time on every call
    /// cost more instructions than making the pieces.
    static func split(_ text: String, _ separator: String) -> [Value]? {
        if separator.utf8.count == 1, let byte = separator.utf8.first, isWholeCharacter(byte),
            let pieces = split(text, byte)
        {
            return pieces
        }
        return separator.withBytes { separator -> [Value]? in
            guard let pattern = ASCIIPattern(separator) else { return nil }
            return text.withBytes { bytes -> [Value]? in
                var count = 1
                guard pattern.forEach(in: bytes, { _ in count += 1 }) else { return nil }
                var pieces: [Value] = []
                pieces.reserveCapacity(count)
                var start = 0
                // The same walk again, which finds what it found the first time.
                _ = pattern.forEach(in: bytes) { found in
                    pieces.append(.string(piece(of: text, bytes, start..<found)))
                    start = found + separator.count
                }
                pieces.append(.string(piece(of: text, bytes, start..<bytes.count)))
                return pieces
            }
        }
    }

    /// `split` at a one-byte separator in text of whole characters (ASCII without a carriage return), the common
    /// case (`/` in a topic): one loop to count the pieces and check the text, one to make them. Nil for other text.
    private static func split(_ text: String, _ separator: UInt8) -> [Value]? {
        return text.withBytes { bytes -> [Value]? in
            guard allWholeCharacters(bytes) else { return nil }
            var count = 1
            for byte in bytes where byte == separator { count += 1 }
            var pieces: [Value] = []
            pieces.reserveCapacity(count)
            var start = 0
            while true {
                let end = next(separator, in: bytes, from: start) ?? bytes.count
                pieces.append(.string(string(UnsafeBufferPointer(rebasing: bytes[start..<end]))))
                guard end < bytes.count else { return pieces }
                start = end + 1
            }
        }
    }

    /// The bytes of `text` (`bytes`) in `range`, which starts and ends at scalars.
    ///
    /// One longer than a string holds in itself and not ASCII is copied through a substring, not checked again as
    /// UTF-8: every way from bytes to a string checks them, and outside ASCII that check took half the
    /// instructions of a `replace`. The substring costs more than the check of a short piece or an ASCII one.
    @inline(__always)
    static func piece(of text: String, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        guard range.count > 15, !allASCII(slice) else { return string(slice) }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return String(Substring(utf8[start..<utf8.index(start, offsetBy: range.count)]))
    }
}
