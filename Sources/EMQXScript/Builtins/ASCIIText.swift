/// Byte-level text work for ASCII, where bytes and characters are the same thing: the general paths walk grapheme
/// clusters (a topic split at `/` cost several times CPython's time there).
enum ASCIIText {
    /// Whether every byte of `text` is ASCII.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// `text` split at each `separator` (not empty), empty pieces kept; nil unless both are ASCII.
    static func split(_ text: String, _ separator: String) -> [String]? {
        guard isASCII(separator), isASCII(text) else { return nil }
        return pieces(of: text, between: Array(separator.utf8)) { bytes, ranges in
            ranges.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
    }

    /// `text` with each `old` (not empty) replaced by `new`; nil unless `text` and `old` are ASCII.
    static func replace(_ text: String, _ old: String, with new: String) -> String? {
        guard isASCII(old), isASCII(text) else { return nil }
        return pieces(of: text, between: Array(old.utf8)) { bytes, ranges in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for (position, range) in ranges.enumerated() {
                if position > 0 { out.append(contentsOf: new.utf8) }
                out.append(contentsOf: bytes[range])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether `text`'s bytes hold `pattern` (not empty).
    static func contains(_ text: String, _ pattern: [UInt8]) -> Bool {
        pieces(of: text, between: pattern, upTo: 2) { _, ranges in ranges.count > 1 }
    }

    /// Hands `use` the bytes of `text` and the ranges between the non-overlapping occurrences of `pattern` (not
    /// empty), left to right; with `upTo`, the search stops at that many ranges (the last holds the rest).
    private static func pieces<T>(
        of text: String, between pattern: [UInt8], upTo limit: Int = .max,
        _ use: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> T
    ) -> T {
        var text = text
        return text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            var index = 0
            while index + pattern.count <= bytes.count, ranges.count + 1 < limit {
                if bytes[index] == pattern[0], pattern.indices.allSatisfy({ bytes[index + $0] == pattern[$0] }) {
                    ranges.append(start..<index)
                    index += pattern.count
                    start = index
                } else {
                    index += 1
                }
            }
            ranges.append(start..<bytes.count)
            return use(bytes, ranges)
        }
    }
}
