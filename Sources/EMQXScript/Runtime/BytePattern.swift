#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular expression that is a fixed run of single characters, matched over bytes: literals, `.`, `\d \w \s` and
/// their negations, `[…]` sets of those and of ranges, optionally anchored by a leading `^` and a trailing `$`.
///
/// `"machine-7[0-9]/"` is the common shape of a script's topic filter. Swift's `Regex` walks characters and costs
/// about 2 µs a text there; this is a byte loop. It answers only for text where a character of a match is a byte:
/// ASCII text without a carriage return (`\r\n` is one character to `Regex`), or text ``ASCIISets`` can read, and
/// only for the syntax above; ``TextPattern`` uses `Regex` for everything else. `TextFastPathTests` holds it to
/// `Regex` on generated patterns and texts.
struct BytePattern {
    /// One set of ASCII bytes per character of a match, as 128 bits.
    private let classes: [(low: UInt64, high: UInt64)]
    private let anchoredAtStart: Bool
    private let anchoredAtEnd: Bool
    /// The byte every match starts with, when the first character is a single one: candidates are found with
    /// `memchr` instead of trying every position.
    private let firstByte: UInt8?

    /// Nil when the pattern uses anything beyond single characters and the two anchors.
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)[...]
        (anchoredAtStart, anchoredAtEnd) = Self.anchors(&bytes)
        var classes: [(low: UInt64, high: UInt64)] = []
        while let byte = bytes.popFirst() {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.popFirst(), let set = Self.escape(escaped) else { return nil }
                classes.append(set)
            case UInt8(ascii: "["):
                guard let set = Self.set(&bytes) else { return nil }
                classes.append(set)
            case UInt8(ascii: "."):
                classes.append(Self.complement(Self.bits([0x0A, 0x0B, 0x0C, 0x0D])))
            case _ where Array("(){}*+?|^$]".utf8).contains(byte): return nil
            default: classes.append(Self.bits([byte]))
            }
        }
        guard let first = classes.first else { return nil }
        self.classes = classes
        let members = first.low.nonzeroBitCount + first.high.nonzeroBitCount
        firstByte =
            members != 1
            ? nil : UInt8(first.low != 0 ? first.low.trailingZeroBitCount : 64 + first.high.trailingZeroBitCount)
    }

    /// Whether the ASCII bytes of a text without a carriage return hold a match.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = classes.count
        guard text.count >= length else { return false }
        if anchoredAtStart && anchoredAtEnd && text.count != length { return false }
        let first = anchoredAtEnd ? text.count - length : 0
        let last = anchoredAtStart ? 0 : text.count - length
        guard first <= last else { return false }
        return classes.withUnsafeBufferPointer { classes in
            guard let firstByte, let base = text.baseAddress, first < last else {
                for start in first...last where Self.holds(classes, text, at: start) { return true }
                return false
            }
            var start = first
            while start <= last,
                let found = memchr(base + start, Int32(firstByte), last - start + 1)
            {
                start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if Self.holds(classes, text, at: start) { return true }
                start += 1
            }
            return false
        }
    }

    @inline(__always)
    private static func holds(
        _ classes: UnsafeBufferPointer<(low: UInt64, high: UInt64)>, _ text: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> Bool {
        for index in 0..<classes.count {
            let byte = text[start + index]
            let set = classes[index]
            let bit = byte < 64 ? set.low >> byte : set.high >> (byte - 64)
            if bit & 1 == 0 { return false }
        }
        return true
    }

    /// Whether the pattern starts with `^` and ends with an unescaped `$`, each taken off `bytes`.
    static func anchors(_ bytes: inout ArraySlice<UInt8>) -> (start: Bool, end: Bool) {
        let start = bytes.first == UInt8(ascii: "^")
        if start { bytes.removeFirst() }
        let end = bytes.last == UInt8(ascii: "$") && bytes.dropLast().last != UInt8(ascii: "\\")
        if end { bytes.removeLast() }
        return (start, end)
    }

    /// `\d`, `\w`, `\s`, their capitals, or an escaped punctuation character; nil for any other escape.
    static func escape(_ byte: UInt8) -> (low: UInt64, high: UInt64)? {
        let digits = Array(UInt8(ascii: "0")...UInt8(ascii: "9"))
        let word =
            digits + Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + [UInt8(ascii: "_")]
        let space: [UInt8] = [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20]
        switch byte {
        case UInt8(ascii: "d"): return bits(digits)
        case UInt8(ascii: "D"): return complement(bits(digits))
        case UInt8(ascii: "w"): return bits(word)
        case UInt8(ascii: "W"): return complement(bits(word))
        case UInt8(ascii: "s"): return bits(space)
        case UInt8(ascii: "S"): return complement(bits(space))
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return bits([byte])
        default: return nil
        }
    }

    /// A `[…]` set after its `[`: characters, ranges and escapes, negated by a leading `^`. Nil for anything
    /// `Regex` might read otherwise (nested sets, set operators, a `-` or `]` that is not plainly a range, a member
    /// first or last, or the end).
    static func set(_ bytes: inout ArraySlice<UInt8>) -> (low: UInt64, high: UInt64)? {
        let negated = bytes.first == UInt8(ascii: "^")
        if negated { bytes.removeFirst() }
        var members: (low: UInt64, high: UInt64) = (0, 0)
        var count = 0
        while let byte = bytes.popFirst() {
            // A `-` first or last is itself (`[a-z0-9-]`, the characters of a client id).
            let plainHyphen =
                byte == UInt8(ascii: "-") && bytes.first != UInt8(ascii: "-")
                && (count == 0 || bytes.first == UInt8(ascii: "]"))
            guard byte < 0x80, plainHyphen || !Array("[-&~".utf8).contains(byte) else { return nil }
            if byte == UInt8(ascii: "]") {
                guard count > 0 else { return nil }
                return negated ? complement(members) : members
            }
            count += 1
            if byte == UInt8(ascii: "\\") {
                guard let escaped = bytes.popFirst(), let set = escape(escaped) else { return nil }
                members = (members.low | set.low, members.high | set.high)
                continue
            }
            var upper = byte
            if bytes.first == UInt8(ascii: "-") && bytes.dropFirst().first != UInt8(ascii: "]") {
                bytes.removeFirst()
                guard let end = bytes.popFirst(), end < 0x80, end >= byte,
                    ![UInt8(ascii: "\\"), UInt8(ascii: "]"), UInt8(ascii: "["), UInt8(ascii: "-")].contains(end)
                else { return nil }
                upper = end
            }
            let range = bits(Array(byte...upper))
            members = (members.low | range.low, members.high | range.high)
        }
        return nil
    }

    static func bits(_ bytes: [UInt8]) -> (low: UInt64, high: UInt64) {
        var set: (low: UInt64, high: UInt64) = (0, 0)
        for byte in bytes where byte < 0x80 {
            if byte < 64 { set.low |= 1 << byte } else { set.high |= 1 << (byte - 64) }
        }
        return set
    }

    static func complement(_ set: (low: UInt64, high: UInt64)) -> (low: UInt64, high: UInt64) {
        (~set.low, ~set.high)
    }
}
