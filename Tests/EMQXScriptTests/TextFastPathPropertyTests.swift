import PropertyBased
import Testing

@testable import EMQXScript

/// The byte paths of `split`, `replace`, `contains`, `split(text)`, `upper` and `lower` say what the general paths,
/// by characters, say: on any mix of the scalars where bytes and characters part (combining marks, carriage returns,
/// Prepend, ZWJ, scalars equal as characters to `K`, `;` and `` ` `` or to others outside ASCII), whenever the byte
/// path answers at all, for patterns in ASCII and outside it.
@Suite struct TextFastPathPropertyTests {
    static let pieces = [
        "a", "temp", "/", "//", "é", "e\u{301}", "\u{301}", "\r", "\n", "\r\n", "K", "\u{212A}", ";", "\u{37E}", "`",
        "\u{1FEF}", "工", "👍🏽", "🙂", "\u{600}", " ", "\t", "ü", "\u{200D}", "x", "\u{1100}\u{1161}", "ﾞ",
        // Scalars equal as characters to another (ANGSTROM SIGN, OHM SIGN, a CJK compatibility ideograph, GREEK
        // SMALL LETTER ALPHA WITH OXIA) beside the other, and a Hangul syllable with a vowel that joins it.
        "Å", "\u{212B}", "Ω", "\u{2126}", "\u{8C48}", "\u{F900}", "ά", "\u{1F71}", "가", "\u{D7B0}", "température",
        "\u{A0}", "\u{3000}",
    ]
    static let piece = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }
    static let text = piece.array(of: 0...10).map { $0.joined() }
    static let separator = piece.array(of: 1...2).map { $0.joined() }

    @Test func bytesAgreeWithCharacters() async {
        await propertyCheck(count: 3000, input: Self.text, Self.separator) { (text: String, separator: String) in
            let scratch = TextScratch.allocate()
            defer { scratch.deallocate() }
            if let fast = ASCIIText.split(text, separator) {
                let general = text.split(separator: separator, omittingEmptySubsequences: false)
                #expect(fast == general.map { .string(String($0)) }, "\(text.debugDescription) / \(separator)")
            }
            if let fast = ASCIIText.contains(text, separator) {
                #expect(fast == text.contains(Array(separator)), "\(text.debugDescription) / \(separator)")
            }
            let replaced = Arguments.with([.string(text), .string(separator), .string("<é>")]) {
                ASCIIText.replace($0, using: scratch)
            }
            if let replaced {
                #expect(replaced == .string(text.replacing(separator, with: "<é>")), "\(text.debugDescription)")
            }
            #expect(scratch.top == 0)
            if let words = ASCIIText.words(text) {
                #expect(words == text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
            }
            if let upper = ASCIIText.changingCase(text, toUpper: true) { #expect(upper == text.uppercased()) }
            if let lower = ASCIIText.changingCase(text, toUpper: false) { #expect(lower == text.lowercased()) }
            if let trimmed = ASCIIText.trimmed(text) { #expect(trimmed == text.trimmingSpaces()) }
            for atStart in [true, false] {
                if let fast = ASCIIText.hasEnd(text, separator, atStart: atStart) {
                    #expect(fast == (atStart ? text.hasPrefix(separator) : text.hasSuffix(separator)))
                }
            }
        }
    }
}
