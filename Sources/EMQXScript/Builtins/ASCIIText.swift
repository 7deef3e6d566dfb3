/// Byte-level text work for ASCII, where bytes and characters are the same thing: the general paths walk grapheme
/// clusters (a topic split at `/` cost several times CPython's time there).
///
/// Each walks the text once, checking it is ASCII as it goes, and allocates only what it returns: these run once per
/// item in a script's loops, where an extra array per call was a measurable share of the time.
enum ASCIIText {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// `text` split at each `separator` (not empty), empty pieces kept, as script strings; nil unless both are
    /// ASCII.
    static func split(_ text: String, _ separator: String) -> [Value]? {
        var pieces: [Value] = []
        let complete = walk(text, separator) { bytes, range in
            pieces.append(.string(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)))
        }
        return complete ? pieces : nil
    }

    /// `text` with each `old` (not empty) replaced by `new`; nil unless `text` and `old` are ASCII.
    static func replace(_ text: String, _ old: String, with new: String) -> String? {
        var out: [UInt8] = []
        var pieces = 0
        let complete = walk(text, old) { bytes, range in
            if pieces == 0 {
                out.reserveCapacity(bytes.count + new.utf8.count)
            } else {
                out.append(contentsOf: new.utf8)
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
            pieces += 1
        }
        guard complete else { return nil }
        return pieces == 1 ? text : String(decoding: out, as: UTF8.self)
    }

    /// Whether `text`'s bytes hold `pattern` (not empty).
    static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = pattern.first, bytes.count >= pattern.count else { return false }
            for index in 0...(bytes.count - pattern.count) where bytes[index] == first {
                if pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) { return true }
            }
            return false
        }
    }

    /// Hands `piece` each range of `text`'s bytes between the non-overlapping occurrences of `separator`, left to
    /// right; false (after some pieces, perhaps) when either is not ASCII or the separator is empty.
    private static func walk(
        _ text: String, _ separator: String, _ piece: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void
    ) -> Bool {
        var text = text
        var separator = separator
        return separator.withUTF8 { pattern in
            guard let first = pattern.first, pattern.allSatisfy({ $0 < 0x80 }) else { return false }
            return text.withUTF8 { bytes in
                var start = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte >= 0x80 { return false }
                    if byte == first, index + pattern.count <= bytes.count,
                        (1..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] })
                    {
                        piece(bytes, start..<index)
                        index += pattern.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                piece(bytes, start..<bytes.count)
                return true
            }
        }
    }
}
