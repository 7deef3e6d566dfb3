extension ASCIIText {
    /// `replace(text, old, new)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless all three are
    /// strings, `old` is not empty and bytes can find it in `text`: the text is ASCII without a carriage return,
    /// where bytes and characters agree, or `old` is ASCII (``ASCIIPattern``).
    @inline(__always)
    static func replace(_ arguments: Arguments, using scratch: TextScratch) -> Value? {
        guard arguments.count == 3 else { return nil }
        let outcome = arguments.lend(0) { text in
            arguments.lend(1) { old in
                arguments.lend(2) { new in
                    bytes(of: old) { pattern in
                        bytes(of: new) { replacement in
                            bytes(of: text) { text in
                                switch replace(text, pattern, replacement, scratch) {
                                case .notApplicable:
                                    ASCIIPattern(pattern).map { replace(text, matching: $0, replacement, scratch) }
                                case let outcome: outcome
                                }
                            }
                        }
                    }
                }
            }
        }
        switch outcome ?? .notApplicable {
        case .notApplicable: return nil
        case .unchanged: return arguments[0]
        case .replaced(let text): return .string(text)
        }
    }

    /// What ``replace(_:_:_:_:)`` made of a text.
    enum Replacement {
        /// The text is not whole characters (ASCII without a carriage return), or `old` is empty: the general
        /// path answers, or ``ASCIIPattern`` can.
        case notApplicable
        /// `old` is not in the text.
        case unchanged
        case replaced(String)
    }

    /// Calls `body` with the bytes of the string value at `value`; nil when it holds another value.
    @inline(__always)
    private static func bytes<Result>(
        of value: borrowing Value, _ body: (UnsafeBufferPointer<UInt8>) -> Result?
    ) -> Result? {
        switch value {
        case .string(let text): text.withBytes(body)
        default: nil
        }
    }

    /// `text` with each `pattern` (not empty) replaced by `replacement`, left to right.
    ///
    /// One walk of the text, eight bytes at a time: each word is checked to be whole characters and searched for
    /// the pattern's first byte at once (a check, then a search, read the text twice). From the first occurrence
    /// on, the text is copied into `scratch`, the replacement in place of each, and made a string once. The pattern
    /// must be ASCII: other text may be equal as characters to ASCII text (U+037E is `;`), which bytes would miss.
    @inline(never)
    static func replace(
        _ bytes: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>,
        _ replacement: UnsafeBufferPointer<UInt8>, _ scratch: TextScratch
    ) -> Replacement {
        guard let first = pattern.first, allASCII(pattern) else { return .notApplicable }
        let mark = scratch.top
        var copied = 0  // the text's bytes before this are in the scratch, or replaced there
        @inline(__always)
        func replace(at found: Int) {
            guard found >= copied, holds(pattern, in: bytes, at: found) else { return }
            scratch.append(UnsafeBufferPointer(rebasing: bytes[copied..<found]))
            scratch.append(replacement)
            copied = found + pattern.count
        }
        let firsts = Word.repeating(first)
        var index = 0
        while index + 8 <= bytes.count {
            let word = Word.load(bytes, at: index)
            guard Word.notWhole(word) == 0 else {
                scratch.top = mark
                return .notApplicable
            }
            // Marks after the lowest may be false; `holds` tests every one.
            var marks = Word.zeroBytes(word ^ firsts)
            while marks != 0 {
                replace(at: index + marks.trailingZeroBitCount / 8)
                marks &= marks &- 1
            }
            index += 8
        }
        while index < bytes.count {
            guard isWholeCharacter(bytes[index]) else {
                scratch.top = mark
                return .notApplicable
            }
            if bytes[index] == first { replace(at: index) }
            index += 1
        }
        guard copied > 0 else { return .unchanged }
        scratch.append(UnsafeBufferPointer(rebasing: bytes[copied...]))
        return .replaced(scratch.string(from: mark))
    }

    /// `text` with each `pattern` replaced by `replacement`, left to right, in text that is not whole characters
    /// (the first walk's `.notApplicable`), as ``replace(_:_:_:_:)`` does in text that is.
    @inline(never)
    static func replace(
        _ bytes: UnsafeBufferPointer<UInt8>, matching pattern: ASCIIPattern, _ replacement: UnsafeBufferPointer<UInt8>,
        _ scratch: TextScratch
    ) -> Replacement {
        let mark = scratch.top
        var copied = 0  // the text's bytes before this are in the scratch, or replaced there
        let complete = pattern.forEach(in: bytes) { found in
            scratch.append(UnsafeBufferPointer(rebasing: bytes[copied..<found]))
            scratch.append(replacement)
            copied = found + pattern.bytes.count
        }
        guard complete else {
            scratch.top = mark
            return .notApplicable
        }
        guard copied > 0 else { return .unchanged }
        scratch.append(UnsafeBufferPointer(rebasing: bytes[copied...]))
        return .replaced(scratch.string(from: mark))
    }
}
