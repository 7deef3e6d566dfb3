/// A compiled regular expression with the literal text every match must hold, for a quick "no" without the regex.
///
/// `"machine-7[0-9]/"` must contain `machine-7`: a text without those bytes cannot match, and finding them is a
/// byte search, where running the regex engine on every text of a loop was most of a topic filter's time.
///
/// A class, as one is kept per pattern and handed out on every match: a struct's copy retained each part of it. It
/// is never changed after it is made (hence `@unchecked Sendable`: `Regex` is not marked `Sendable`).
final class TextPattern: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>
    /// The pattern's leading literal (ASCII), when it has one that every match starts with.
    let requiredLiteral: [UInt8]?

    /// The same pattern matched over bytes, when it is a fixed run of single characters (see ``BytePattern``).
    let bytePattern: BytePattern?
    /// The same pattern matched over bytes with its groups, when it has no more than quantifiers and plain groups
    /// (see ``ByteRegex``).
    let byteRegex: ByteRegex?
    /// What text outside ASCII the byte forms may read; nil when they read only ASCII text.
    private let asciiSets: ASCIISets?

    init(_ pattern: String) throws {
        regex = try Regex(pattern)
        requiredLiteral = Self.leadingLiteral(pattern)
        bytePattern = BytePattern(pattern)
        byteRegex = ByteRegex(pattern)
        asciiSets = ASCIISets(pattern)
    }

    /// Whether the byte forms answer for `text` as `Regex` does: ASCII text without a carriage return, or other
    /// text ``ASCIISets`` can read.
    @inline(__always)
    private func bytesCanRead(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        ASCIIText.allWholeCharacters(text) || asciiSets?.canRead(text) == true
    }

    /// Whether `text` holds a match.
    func matches(_ text: String) -> Bool {
        if let bytePattern {
            let found = text.withBytes { bytes -> Bool? in
                guard bytesCanRead(bytes) else { return nil }
                return bytePattern.matches(bytes)
            }
            if let found { return found }
        } else if let found = byteSearch(text, found: { _, _ in true }, none: false) {
            return found
        }
        // Only for ASCII text: other text may hold a character canonically equal to an ASCII one (U+212A is K).
        if let requiredLiteral, !ASCIIText.contains(text, requiredLiteral), ASCIIText.isASCII(text) { return false }
        return text.contains(regex)
    }

    /// The first match in `text` and each group's text (null for a group that took no part), or null when there is
    /// none: what `matches()` returns.
    func groups(in text: String) throws -> Value {
        let found: Value? = byteSearch(
            text,
            found: { bytes, ranges in
                .list(
                    ranges.map { range in
                        range.map { .string(ASCIIText.string(UnsafeBufferPointer(rebasing: bytes[$0]))) } ?? .null
                    })
            }, none: .null)
        if let found { return found }
        guard let match = try regex.firstMatch(in: text) else { return .null }
        return .list(
            (0..<match.output.count).map { index in match.output[index].substring.map { .string(String($0)) } ?? .null }
        )
    }

    /// What ``ByteRegex`` answers for `text`: `found` of the match's and groups' byte ranges, or `none`; nil when
    /// `Regex` must decide (no byte form of the pattern, text the byte forms cannot read, or a search past the budget).
    private func byteSearch<Answer>(
        _ text: String, found: (UnsafeBufferPointer<UInt8>, [Range<Int>?]) -> Answer, none: Answer
    ) -> Answer? {
        guard let byteRegex else { return nil }
        return text.withBytes { bytes in
            guard bytesCanRead(bytes) else { return nil }
            switch byteRegex.firstMatch(in: bytes, startingWith: requiredLiteral) {
            case .match(let ranges): return found(bytes, ranges)
            case .none: return none
            case .tooComplex: return nil
            }
        }
    }

    /// The ASCII characters before the pattern's first special or non-ASCII one; nil when there are none or when
    /// an alternation (`|`) could match without them.
    static func leadingLiteral(_ pattern: String) -> [UInt8]? {
        let special = Set("\\.[](){}*+?|^$".utf8)
        let bytes = Array(pattern.utf8)
        guard !bytes.contains(UInt8(ascii: "|")) else { return nil }
        var end = 0
        while end < bytes.count, bytes[end] < 0x80, !special.contains(bytes[end]) { end += 1 }
        // A quantifier makes the last character optional; a non-ASCII one may combine with it (e and U+0301 match
        // a precomposed é, which holds no `e` byte).
        if end < bytes.count,
            bytes[end] >= 0x80 || [UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "{")].contains(bytes[end])
        {
            end -= 1
        }
        return end > 0 ? Array(bytes[..<end]) : nil
    }
}

/// The pattern of one `=~` in a script, compiled the first time it runs (an invalid one fails only when it runs).
final class CompiledPattern: @unchecked Sendable {
    private var compiled: TextPattern?

    func pattern(
        _ text: String, _ interpreter: Interpreter, _ position: Position, _ context: Context
    ) throws -> TextPattern {
        if let compiled { return compiled }
        let pattern = try interpreter.textPattern(text, position, context)
        compiled = pattern
        return pattern
    }
}
