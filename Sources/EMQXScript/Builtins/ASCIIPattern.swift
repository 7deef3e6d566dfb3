/// A pattern found by bytes in UTF-8 text exactly where matching by characters finds it, as `split`, `replace`
/// and `contains` match: the general paths walk grapheme clusters, at many times the cost.
///
/// An ASCII pattern is searched in any text. Bytes and characters agree on an occurrence when it is whole
/// characters: a character of the text does not start before it and end inside it, nor start inside it and end
/// after it. Inside, an ASCII byte other than a carriage return is a character of its own. At either end, only
/// these join:
/// - a carriage return before a line feed (`\r\n` is one character);
/// - a scalar outside ASCII: a Prepend before, an Extend, SpacingMark or ZWJ after (a combining accent after `/`
///   makes one character of both).
///
/// A scalar outside ASCII either side is looked up in ``neverJoining``; one not there sends the whole call to the
/// general path, which answers rightly, so that table need not hold every scalar that never joins.
///
/// A pattern outside ASCII (`é`, `température`) is searched only in text of lone scalars, and must be such text
/// itself (``isLoneScalars(_:)``): there every scalar is a character, and no two different ones are equal as
/// characters, so equal bytes are equal characters and the other way round.
struct ASCIIPattern {
    let bytes: UnsafeBufferPointer<UInt8>
    private let first: UInt8
    private let last: UInt8
    private let searchable: Searchable

    /// The text a pattern can be searched in by bytes.
    private enum Searchable {
        case anyText
        /// `K`, `;` and `` ` `` are each equal, as characters, to a scalar outside ASCII (KELVIN SIGN, GREEK
        /// QUESTION MARK, GREEK VARIA), which bytes would not find.
        case asciiText
        /// A pattern outside ASCII.
        case loneScalarText
    }

    /// Nil when `bytes` is empty, or outside ASCII and not lone scalars.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first, let last = bytes.last else { return nil }
        if ASCIIText.allASCII(bytes) {
            // Not `contains` on an array of the three: that array was made at every call.
            let equalOutsideASCII = bytes.contains { byte in
                switch byte {
                case UInt8(ascii: "K"), UInt8(ascii: ";"), UInt8(ascii: "`"): true
                default: false
                }
            }
            searchable = equalOutsideASCII ? .asciiText : .anyText
        } else {
            guard Self.isLoneScalars(bytes) else { return nil }
            searchable = .loneScalarText
        }
        self.bytes = bytes
        self.first = first
        self.last = last
    }

    /// What the search found from a place on.
    enum Next {
        case found(Int)
        case end
        /// Bytes cannot tell: an occurrence next to a scalar ``neverJoining`` does not hold, or a pattern that
        /// needs ASCII text in text that is not. The general path must answer.
        case unknown
    }

    /// Calls `body` with where each occurrence that is whole characters starts, left to right, not overlapping;
    /// false, and stopped there, when bytes cannot tell (``Next/unknown``).
    @inline(__always)
    func forEach(in text: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) -> Bool {
        guard isSearchable(text) else { return false }
        var index = 0
        while true {
            switch next(in: text, from: index) {
            case .found(let found):
                body(found)
                index = found + bytes.count
            case .end: return true
            case .unknown: return false
            }
        }
    }

    /// Whether `text` holds an occurrence that is whole characters; nil when bytes cannot tell.
    ///
    /// An occurrence found by bytes and whole is the pattern's characters, whatever the rest of the text holds, so a
    /// pattern outside ASCII needs the whole text to be lone scalars only to say it is not there: a French topic's
    /// `contains($t, "é")` walked the text twice.
    func isIn(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        let checkedOnlyWhenMissing = if case .loneScalarText = searchable { true } else { false }
        guard checkedOnlyWhenMissing || isSearchable(text) else { return nil }
        switch next(in: text, from: 0) {
        case .found: return true
        case .end: return !checkedOnlyWhenMissing || Self.isLoneScalars(text) ? false : nil
        case .unknown: return nil
        }
    }

    /// Whether `text` can be searched by bytes at all: checked once a search, not at each occurrence.
    private func isSearchable(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch searchable {
        case .anyText: true
        case .asciiText: ASCIIText.allASCII(text)
        case .loneScalarText: Self.isLoneScalars(text)
        }
    }

    /// Where the next occurrence that is whole characters starts, from `start` on, in searchable text.
    @inline(__always)
    private func next(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Next {
        var index = start
        while let found = ASCIIText.next(first, in: text, from: index) {
            index = found + 1
            guard bytes.count == 1 || ASCIIText.holds(bytes, in: text, at: found) else { continue }
            switch wholeness(in: text, at: found) {
            case .whole: return .found(found)
            case .split: continue
            case .unknown: return .unknown
            }
        }
        return .end
    }

    private enum Wholeness { case whole, split, unknown }

    /// Whether the occurrence at `start` of `text` is whole characters.
    @inline(__always)
    private func wholeness(in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Wholeness {
        let end = start + bytes.count
        if start > 0 {
            let before = text[start - 1]
            if before >= 0x80 {
                guard Self.neverJoins(Self.scalar(endingAt: start, in: text)) else { return .unknown }
            } else if before == 0x0D && first == 0x0A {
                return .split
            }
        }
        if end < text.count {
            let after = text[end]
            if after >= 0x80 {
                guard Self.neverJoins(Self.scalar(at: end, in: text)) else { return .unknown }
            } else if last == 0x0D && after == 0x0A {
                return .split
            }
        }
        return .whole
    }

    /// Scalars that are none of Prepend, Extend, SpacingMark and ZWJ: next to an ASCII character, each is a
    /// character of its own. Latin, Greek, Cyrillic and Armenian letters, punctuation and symbols, kana, CJK,
    /// Hangul syllables, private use and emoji (but not their skin tones). `ScalarTableTests` checks every one
    /// against the standard library's grapheme breaking.
    static let neverJoining: [ClosedRange<UInt32>] = [
        0x80...0x2FF, 0x370...0x482, 0x48A...0x590, 0x1E00...0x200B, 0x20F1...0x2CEE, 0x2E00...0x3029,
        0x309B...0xA66E, 0xABEE...0xD7FF, 0xE000...0xFB1D, 0xFB1F...0xFDFF, 0xFE30...0xFF9D, 0x1F400...0x1FAFF,
    ]

    /// Whether each scalar of `text` is a character of its own, equal as a character to no other scalar: ASCII but
    /// a carriage return, or ``neverJoining`` and none of those below.
    static func isLoneScalars(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        everyScalarOutsideASCII(in: text, isLone)
    }

    /// Whether a scalar outside ASCII is lone: a character of its own beside any lone scalar, and equal as a
    /// character to no other scalar (``neverJoining`` and none of those below).
    @inline(__always)
    static func isLone(_ scalar: UInt32) -> Bool { neverJoins(scalar) && !isShared(scalar) }

    /// Whether `text` is lone scalars without whitespace outside ASCII (a no-break space, an ideographic space):
    /// where the whitespace characters are the ASCII bytes ``ASCIIText/isSpace(_:)`` holds to be.
    static func isLoneScalarsSpacedInASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        everyScalarOutsideASCII(in: text) { isLone($0) && !ASCIIText.isWhitespace($0) }
    }

    /// Whether `text` holds no carriage return and each of its scalars outside ASCII is `accepted`.
    @inline(__always)
    static func everyScalarOutsideASCII(
        in text: UnsafeBufferPointer<UInt8>, _ accepted: (UInt32) -> Bool
    ) -> Bool {
        var index = 0
        while index < text.count {
            // Eight ASCII bytes without a carriage return at a time: most of a topic. A word holding another byte is
            // skipped up to that byte, the lowest marked: trying the word again from each byte before it cost a
            // third of a French topic's `contains`.
            if index + 8 <= text.count {
                let word = ASCIIText.Word.load(text, at: index)
                let marks = ASCIIText.Word.notWhole(word)
                index += marks.trailingZeroBitCount / 8
                if marks == 0 { continue }
            }
            let byte = text[index]
            if byte < 0x80 {
                guard byte != 0x0D else { return false }
                index += 1
                continue
            }
            guard accepted(scalar(at: index, in: text)) else { return false }
            index += byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        }
        return true
    }

    /// Scalars of ``neverJoining`` that are not lone: those equal as characters to another scalar or sequence
    /// (singletons such as OHM SIGN and Ω, CJK compatibility ideographs, Hebrew presentation forms), and the Hangul
    /// vowels and final consonants of U+D7B0–U+D7FF, which join the syllable before them. The ranges hold every
    /// scalar of the table that Foundation's NFC changes, and a few it keeps; `ScalarTableTests` checks that NFC
    /// keeps every other.
    @inline(__always)
    private static func isShared(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x374, 0x37E, 0x387, 0x1F70...0x1FFF, 0x2000...0x2001, 0x2126...0x212B, 0x2329...0x232A, 0x2ADC,
            0xD7B0...0xD7FF, 0xF900...0xFAFF, 0xFB1D...0xFB4F:
            true
        default: false
        }
    }

    @inline(__always)
    static func neverJoins(_ scalar: UInt32) -> Bool {
        scalar < 0x300 || neverJoining.contains { $0.contains(scalar) }
    }

    /// The scalar whose last byte is just before `end`; `text` is valid UTF-8.
    static func scalar(endingAt end: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = end - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start, in: text)
    }

    /// The scalar that starts at `start`; `text` is valid UTF-8.
    static func scalar(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = UInt32(text[start])
        func following(_ offset: Int) -> UInt32 { UInt32(text[start + offset] & 0x3F) }
        switch lead {
        case ..<0x80: return lead
        case ..<0xE0: return (lead & 0x1F) << 6 | following(1)
        case ..<0xF0: return (lead & 0x0F) << 12 | following(1) << 6 | following(2)
        default: return (lead & 0x07) << 18 | following(1) << 12 | following(2) << 6 | following(3)
        }
    }
}
