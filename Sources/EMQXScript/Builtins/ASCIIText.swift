/// Byte-level `split` and `replace` for ASCII text, where bytes and characters are the same thing: the general
/// path walks grapheme clusters (a topic split at `/` cost several times CPython's time there).
enum ASCIIText {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// `text` split at each `separator` (not empty), empty pieces kept; nil unless both are ASCII.
    static func split(_ text: String, _ separator: String) -> [String]? {
        guard isASCII(separator), isASCII(text) else { return nil }
        var text = text
        var separator = separator
        return text.withUTF8 { bytes in
            separator.withUTF8 { pattern in
                var pieces: [String] = []
                var start = 0
                var index = 0
                while index + pattern.count <= bytes.count {
                    if matches(bytes, at: index, pattern) {
                        pieces.append(
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                        index += pattern.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
                return pieces
            }
        }
    }

    /// `text` with each `old` (not empty) replaced by `new`; nil unless `text` and `old` are ASCII.
    static func replace(_ text: String, _ old: String, with new: String) -> String? {
        guard isASCII(old), isASCII(text) else { return nil }
        var text = text
        var old = old
        return text.withUTF8 { bytes in
            old.withUTF8 { pattern in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                var index = 0
                var start = 0
                while index + pattern.count <= bytes.count {
                    if matches(bytes, at: index, pattern) {
                        out.append(contentsOf: bytes[start..<index])
                        out.append(contentsOf: new.utf8)
                        index += pattern.count
                        start = index
                    } else {
                        index += 1
                    }
                }
                out.append(contentsOf: bytes[start...])
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    private static func matches(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ pattern: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }
}
