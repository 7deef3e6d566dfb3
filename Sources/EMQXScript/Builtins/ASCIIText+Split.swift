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
    /// case (`/` in a topic); nil for other text.
    ///
    /// One walk, eight bytes at a time, checks the text and notes where the separators are (up to
    /// `notedSeparators`, on the stack); the pieces are then made from the notes, into a list reserved at their
    /// number. Text with more separators is walked again for the rest.
    private static func split(_ text: String, _ separator: UInt8) -> [Value]? {
        text.withBytes { bytes -> [Value]? in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: notedSeparators) { noted -> [Value]? in
                guard let count = noteSeparators(separator, in: bytes, into: noted) else { return nil }
                var pieces: [Value] = []
                pieces.reserveCapacity(count + 1)
                var start = 0
                for index in 0..<count {
                    let end = index < noted.count ? noted[index] : next(separator, in: bytes, from: start)!
                    pieces.append(.string(string(UnsafeBufferPointer(rebasing: bytes[start..<end]))))
                    start = end + 1
                }
                pieces.append(.string(string(UnsafeBufferPointer(rebasing: bytes[start...]))))
                return pieces
            }
        }
    }

    /// How many separators ``split(_:_:)`` notes on the stack; a topic or a log line has fewer.
    private static let notedSeparators = 32

    /// The number of `separator`s in `bytes`, the first of them noted in order in `noted`; nil when a byte is not a
    /// character on its own.
    @inline(__always)
    private static func noteSeparators(
        _ separator: UInt8, in bytes: UnsafeBufferPointer<UInt8>, into noted: UnsafeMutableBufferPointer<Int>
    ) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        let repeated = Word.repeating(separator)
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if Word.notWhole(word) != 0 { return nil }
            var found = Word.exactZeroBytes(word ^ repeated)
            while found != 0 {
                if count < noted.count { noted[count] = index + found.trailingZeroBitCount / 8 }
                count += 1
                found &= found &- 1
            }
            index += 8
        }
        while index < bytes.count {
            let byte = base[index]
            if !isWholeCharacter(byte) { return nil }
            if byte == separator {
                if count < noted.count { noted[count] = index }
                count += 1
            }
            index += 1
        }
        return count
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
