import EMQXTestSupport
import Testing

@testable import EMQXScript

/// The byte forms of a pattern read text outside ASCII only where `Regex`, matching by characters, answers the same:
/// generated patterns over generated texts of French, CJK, emoji and the characters where bytes and characters part
/// (combining marks, `\r\n`, digits and spaces outside ASCII, KELVIN SIGN, line separators).
@Suite struct RegexOutsideASCIITests {
    @Test(arguments: [
        ("machine-7[0-9]/", false, false), ("^sensors/[a-z]+$", false, false), ("line-(\\d+)", true, false),
        ("a\\sb", false, true), ("[\\d\\s]", true, true), ("a[.]b", false, false), ("a\\.b", false, false),
    ])
    func patternsOfASCIISetsSayWhatTheyTake(_ pattern: String, _ digits: Bool, _ spaces: Bool) throws {
        let sets = try #require(ASCIISets(pattern), "\(pattern)")
        #expect(sets.digits == digits && sets.spaces == spaces, "\(pattern)")
    }

    @Test(arguments: ["a.b", "\\w+", "[^a]", "\\D", "\\W", "\\S", "a\\"])
    func setsThatTakeCharactersOutsideASCIIReadOnlyASCII(_ pattern: String) {
        #expect(ASCIISets(pattern) == nil, "\(pattern)")
    }

    @Test(arguments: [
        ("usine/ligne-3/machine-74/température", true), ("capteurs/étage1/中文/😀", true), ("e\u{301}", false),
        ("a\r\nb", false), ("\u{212A}", false), ("a\u{2028}", false), ("a\u{85}", false), ("🇫🇷", false),
    ])
    func textIsReadWhereEachASCIICharacterIsOneOfItsOwn(_ text: String, _ readable: Bool) throws {
        let sets = try #require(ASCIISets("a"))
        #expect(Self.canRead(sets, text) == readable, "\(text.debugDescription)")
    }

    @Test func digitsAndSpacesOutsideASCIIAreLeftToRegexWhenThePatternTakesThem() throws {
        let digits = try #require(ASCIISets("\\d")), spaces = try #require(ASCIISets("\\s"))
        let plain = try #require(ASCIISets("a"))
        for (text, isDigit) in [("\u{FF13}", true), ("\u{A0}", false), ("\u{3000}", false)] {
            #expect(Self.canRead(digits, text) == !isDigit, "\(text.debugDescription)")
            #expect(Self.canRead(spaces, text) == isDigit, "\(text.debugDescription)")
            #expect(Self.canRead(plain, text), "\(text.debugDescription)")
        }
    }

    @Test func generatedPatternsAnswerAsRegexDoesOnTextOutsideASCII() throws {
        let atoms = [
            "a", "b", "-", "/", "7", "K", ";", "e", "\\d", "\\s", "[0-9]", "[a-c]", "[\\d_]", "[ab7]", "\\.", "[K;]",
            ".", "\\w", "[^a]",
        ]
        let quantifiers = ["", "", "", "+", "*", "?", "{1,2}"]
        let pieces = [
            "a", "b", "-", "/", "7", "e", " ", "K", ";", "\n", "é", "ß", "中", "😀",
            "\u{FF13}", "\u{A0}", "\u{3000}", "\u{301}", "\r\n", "\u{212A}", "\u{37E}", "\u{2028}", "\u{85}", "\u{663}",
            "Ω",
        ]
        var random = SplitMix64(state: 7)
        var readOutsideASCII = 0
        for _ in 0..<400 {
            var pattern = random.below(5) == 0 ? "^" : ""
            var open = false
            for _ in 0..<(1 + random.below(4)) {
                if !open && random.below(4) == 0 {
                    pattern += "("
                    open = true
                }
                pattern += random.pick(atoms) + random.pick(quantifiers)
                if open && random.below(2) == 0 {
                    pattern += ")"
                    open = false
                }
            }
            if open { pattern += ")" }
            if random.below(5) == 0 { pattern += "$" }
            let regex = try Regex(pattern)
            let compiled = try TextPattern(pattern)
            let sets = ASCIISets(pattern)
            for _ in 0..<25 {
                let text = (0..<random.below(10)).map { _ in random.pick(pieces) }.joined()
                #expect(compiled.matches(text) == text.contains(regex), "\(pattern) ~ \(text.debugDescription)")
                #expect(
                    try compiled.groups(in: text) == Self.groups(regex, in: text),
                    "\(pattern) ~ \(text.debugDescription)")
                if let sets, !text.utf8.allSatisfy({ $0 < 0x80 }), Self.canRead(sets, text) {
                    readOutsideASCII += 1
                }
            }
        }
        #expect(readOutsideASCII > 500, "the byte forms read text outside ASCII \(readOutsideASCII) times")
    }

    static func canRead(_ sets: ASCIISets, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { sets.canRead($0) }
    }

    /// What `matches(text, pattern)` returns, by `Regex` alone.
    static func groups(_ regex: Regex<AnyRegexOutput>, in text: String) throws -> Value {
        guard let match = try regex.firstMatch(in: text) else { return .null }
        return .list(
            (0..<match.output.count).map { index in match.output[index].substring.map { .string(String($0)) } ?? .null }
        )
    }
}
