import Testing

@testable import EMQXScript

/// `len`, `slice` and `text[i]` count characters by bytes or scalars where they can, and say what counting grapheme
/// clusters says, on text where bytes, scalars and characters part.
@Suite struct TextCharactersTests {
    static let texts =
        TextFastPathTests.texts + [
            "가\u{D7B0}나", "\u{212B}/Å/\u{2126}", "🇫🇷/🇩🇪", "\u{1100}\u{1161}\u{11A8}",
            "👩‍💻 ok", "a\u{FE0F}",
        ]

    @Test(arguments: texts)
    func charactersAreWhatGraphemeClustersSay(_ text: String) {
        let characters = Array(text)
        #expect(ASCIIText.characterCount(text) == characters.count, "\(text.debugDescription)")
        let reversed = ASCIIText.reversed(text)
        if let reversed { #expect(reversed == String(characters.reversed()), "\(text.debugDescription)") }
        // Latin-1 without a carriage return is lone scalars: the byte path must answer there.
        if text.unicodeScalars.allSatisfy({ $0.value < 0x300 && $0 != "\r" }) {
            #expect(reversed != nil, "\(text.debugDescription)")
        }
        for lower in 0...characters.count {
            for upper in lower...characters.count {
                #expect(
                    ASCIIText.characters(of: text, lower..<upper) == String(characters[lower..<upper]),
                    "\(text.debugDescription) \(lower)..<\(upper)")
            }
        }
    }

    @Test func scriptsSliceAndIndexByCharacters() async throws {
        await #expect(throws: (any Error).self) { try await RecordingHost.output(of: #"print slice("abc", "x")"#) }
        let cases: [(String, String)] = [
            (#"slice("température", 2, 6)"#, "mpér"), (#"slice("工厂/三号线", -3)"#, "三号线"),
            (#""e\u{301}té"[0]"#, "e\u{301}"), (#""🇫🇷🇩🇪"[-1]"#, "🇩🇪"), (#"len("a\r\nb")"#, "3"),
            (#"len("capteurs/étage1")"#, "15"), (#""factory"[2]"#, "c"), (#"slice("abc", -10, 2)"#, "ab"),
            (#"slice("abc", 2, 1)"#, ""), (#"slice("abc", 1)"#, "bc"), (#"slice("abc", 0, 99)"#, "abc"),
            (#"slice([1, 2, 3], -2)"#, "[2,3]"), (#"slice([1, 2, 3], 2, 1)"#, "[]"),
        ]
        for (expression, expected) in cases {
            #expect(try await RecordingHost.output(of: "print \(expression)") == expected, "\(expression)")
        }
    }
}
