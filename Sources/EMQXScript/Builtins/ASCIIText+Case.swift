extension ASCIIText {
    /// `upper(text)` or `lower(text)` on the arguments, lent (``Arguments/lend(_:_:)``); nil unless the one
    /// argument is a string of ASCII and Latin-1 (see below).
    @inline(__always)
    static func changingCase(_ arguments: Arguments, toUpper: Bool) -> String? {
        arguments.lendString { changingCase($0, toUpper: toUpper) }
    }

    /// `text` in upper or lower case, by bytes; nil unless it is ASCII, where a letter's case is one bit, or ASCII
    /// and Latin-1 (``changingLatin1Case(_:_:toUpper:)``). The text itself when no letter changes, as the general
    /// path would answer.
    ///
    /// Eight bytes at a time: byte by byte, `upper` of a topic took twice CPython's time.
    static func changingCase(_ text: String, toUpper: Bool) -> String? {
        // The letters that change: a to z going up, A to Z going down.
        let first: UInt8 = toUpper ? 0x61 : 0x41
        return text.withBytes { bytes -> String? in
            guard let base = bytes.baseAddress else { return text }
            guard allASCII(bytes) else {
                return changingLatin1Case(bytes, first, toUpper: toUpper).map { $0.isEmpty ? text : $0 }
            }
            guard bytes.contains(where: { $0 &- first < 26 }) else { return text }
            // Adding 0x80 - n to an ASCII byte sets its high bit when it is n or more, and carries into no other.
            let fromFirst = Word.repeating(0x80 &- first)
            let pastLast = Word.repeating(0x80 &- (first + 26))
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                let out = UnsafeMutableRawPointer(buffer.baseAddress!)
                var index = 0
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let letters = (word &+ fromFirst) & ~(word &+ pastLast) & Word.high
                    out.storeBytes(of: word ^ (letters >> 2), toByteOffset: index, as: UInt64.self)
                    index += 8
                }
                while index < bytes.count {
                    let byte = base[index]
                    buffer[index] = byte &- first < 26 ? byte ^ 0x20 : byte
                    index += 1
                }
                return bytes.count
            }
        }
    }

    /// Text of ASCII and Latin-1 letters and signs (U+0080 to U+00FF) in upper or lower case, by bytes; "" when no
    /// letter changes; nil for any other text, or one of the four Latin-1 letters whose other case is elsewhere: ß
    /// (SS), ÿ (U+0178) and µ (U+039C) going up. `ScalarTableTests` holds it to the standard library for each.
    ///
    /// In Latin-1 À to Þ and à to þ are 32 apart (but for × and ÷ between them), as A to Z and a to z are: one
    /// bit of the second byte. The standard library's `uppercased()` took ten times CPython's instructions on a
    /// French topic.
    private static func changingLatin1Case(
        _ bytes: UnsafeBufferPointer<UInt8>, _ first: UInt8, toUpper: Bool
    ) -> String? {
        @inline(__always)
        func changes(_ second: UInt8) -> Bool {
            toUpper ? second >= 0xA0 && second != 0xB7 : second <= 0x9E && second != 0x97
        }
        var changing = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                changing = changing || byte &- first < 26
                index += 1
                continue
            }
            let second = bytes[index + 1]
            switch byte {
            case 0xC2: guard !toUpper || second != 0xB5 else { return nil }
            case 0xC3:
                guard !toUpper || (second != 0x9F && second != 0xBF) else { return nil }
                changing = changing || changes(second)
            default: return nil
            }
            index += 2
        }
        guard changing else { return "" }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    buffer[index] = byte &- first < 26 ? byte ^ 0x20 : byte
                    index += 1
                    continue
                }
                let second = bytes[index + 1]
                buffer[index] = byte
                buffer[index + 1] = byte == 0xC3 && changes(second) ? second ^ 0x20 : second
                index += 2
            }
            return bytes.count
        }
    }
}
