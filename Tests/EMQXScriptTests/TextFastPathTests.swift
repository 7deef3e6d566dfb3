import EMQXTestSupport
import Testing

@testable import EMQXScript

/// The byte-level paths for ASCII text and the regex prefilter say what the general paths say.
@Suite struct TextFastPathTests {
    static let texts = [
        "", "/", "a/b", "/a/b/", "factory/line-3/machine-72/temp", "a//b", "temp temp", "tetemp", "x", "ab", "aaaa",
        "machine-7", "machine-", "café/au/lait", "e\u{301}/x", "\u{212A}elvin", "a\u{37E}b", "a\r\nb", "a\r\n", "x\ra",
        // Longer than a word of eight bytes, with the byte that sends it to the general path in the second word or
        // the tail: the ASCII test reads eight bytes at a time.
        "factory/line-3/t\remp", "factory/line-3/temp\r", "factory/line-3/tempé", "factory/\u{7F}/line-3/temp/x",
        "fact\r\nory/line-3/temp", "factory/\rline-3/temp", "café/factory/line-3",
        // Outside ASCII: scalars next to a separator that join it (a combining accent after, a Prepend before), or
        // do not (Latin, CJK, an emoji), scalars equal as characters to K and `;`, and carriage returns.
        "capteurs/étage1/salle2/température", "工厂/三号线/温度", "a/\u{301}b/c", "a\u{600}/b",
        "🙂/x/👍🏽/y", "température-extérieure/capteurs-étagères/sixteen-bytes-é",
        "OK\u{212A}/K/a;b\u{37E}c", "x\r\n/\r\ny\n\r\r\n\n", "ü\r\n", "tempé/temp\u{301}/\u{301}temp",
        // More separators than `split` notes on the stack (32), adjacent or not.
        String(repeating: "ab/", count: 45) + "tail", String(repeating: "/", count: 33),
        String(repeating: "a/", count: 32),
    ]
    static let separators = [
        "/", "//", "temp", "a", "aa", "machine-7", "x/", "\n", "\r", "\r\n", "K", ";", "é", "/\u{301}",
    ]

    @Test(arguments: texts)
    func splitAndReplaceAsTheGeneralPathDoes(_ text: String) {
        let scratch = TextScratch.allocate()
        defer { scratch.deallocate() }
        for separator in Self.separators {
            let general = text.split(separator: separator, omittingEmptySubsequences: false).map {
                Value.string(String($0))
            }
            if let fast = ASCIIText.split(text, separator) { #expect(fast == general, "\(text) / \(separator)") }
            let lent = Arguments.with([.string(text), .string(separator)]) { ASCIIText.split($0) }
            if let lent { #expect(lent == general, "\(text) / \(separator), lent") }
            for replacement in ["<\(separator)>", "", "é"] {
                let fast = Arguments.with([.string(text), .string(separator), .string(replacement)]) {
                    ASCIIText.replace($0, using: scratch)
                }
                if let fast {
                    #expect(fast == .string(text.replacing(separator, with: replacement)), "\(text) / \(separator)")
                }
                // Answered for every text of whole characters and ASCII pattern.
                if !(text + separator).unicodeScalars.contains(where: { !$0.isASCII || $0 == "\r" }) {
                    #expect(fast != nil)
                }
            }
        }
        #expect(
            Arguments.with([.string(text), .string(""), .string("x")]) { ASCIIText.replace($0, using: scratch) } == nil)
        #expect(
            Arguments.with([.string(text), .int(1), .string("x")]) { ASCIIText.replace($0, using: scratch) } == nil)
        #expect(scratch.top == 0, "the scratch is left as found")
        #expect(ASCIIText.characterCount(text) == text.count, "\(text.debugDescription)")
        if !text.unicodeScalars.contains(where: { !$0.isASCII || $0 == "\r" }) {
            #expect(ASCIIText.split(text, "/") != nil)
        }
        for separator in Self.separators {
            #expect(ASCIIText.contains(text, Array(separator.utf8)) == Array(text.utf8).contains(Array(separator.utf8)))
        }
    }

    @Test(arguments: texts)
    func containsAndTrimAsTheGeneralPathDoes(_ text: String) {
        for part in Self.separators + Self.texts where !part.isEmpty {
            // By characters, as the builtin's general path: Foundation's `contains(_:)` for strings, which this file
            // sees, finds "\n" in "\r\n".
            let lent = Arguments.with([.string(text), .string(part)]) { ASCIIText.contains($0) }
            #expect(lent == ASCIIText.contains(text, part))
            if let fast = ASCIIText.contains(text, part) {
                #expect(fast == text.contains(Array(part)), "\(text.debugDescription) holds \(part.debugDescription)")
            }
        }
        #expect(ASCIIText.contains(text, "") == nil)
        #expect(Arguments.with([.list([.string(text)]), .string(text)]) { ASCIIText.contains($0) } == nil)
        // The fast path answers for every ASCII text without a carriage return, not only when it agrees.
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\r" }) {
            #expect(ASCIIText.contains(text, "a") != nil, "\(text.debugDescription)")
        }
        let paddings = [
            text, " \t\(text)\n ", "\r\n\(text)\u{0B}\u{0C}\r", "\u{1C}\(text) ", "\u{85}\(text)",
            " \u{A0}\(text)\u{3000}",
        ]
        for padded in paddings {
            if let fast = ASCIIText.trimmed(padded) {
                #expect(fast == padded.trimmingSpaces(), "\(padded.debugDescription)")
            }
        }
        if text.unicodeScalars.allSatisfy(\.isASCII) { #expect(ASCIIText.trimmed(text) != nil) }
        #expect(ASCIIText.trimmed(" température\t") == "température", "lone scalars are trimmed by bytes")
    }

    @Test func bytesFindWhatCharactersFindOutsideASCII() {
        // Latin, CJK and emoji text is split, replaced in and searched by bytes, not by characters.
        for text in ["capteurs/étage1/salle2/température", "工厂/三号线/温度", "🙂/x/y", "ü\r\n/b"] {
            #expect(ASCIIText.split(text, "/") != nil, "\(text)")
            #expect(ASCIIText.contains(text, "/") == true, "\(text)")
        }
        // Where the scalars either side cannot be told, or may equal the separator, the general path answers.
        for (text, separator) in [("a/\u{301}b", "/"), ("a\u{600}/b", "/"), ("\u{212A}/K", "K"), ("a\u{37E}b", ";")] {
            #expect(ASCIIText.split(text, separator) == nil, "\(text.debugDescription)")
        }
        // And where a pattern outside ASCII is equal as characters to ASCII text (U+037E is `;`).
        let scratch = TextScratch.allocate()
        defer { scratch.deallocate() }
        #expect(
            Arguments.with([.string("a;b"), .string("\u{37E}"), .string("x")]) {
                ASCIIText.replace($0, using: scratch)
            } == nil)
    }

    @Test(
        arguments: texts + [
            " a  b\t", "\t\n", "  ", "2026-12-02 13:45:59 INFO client\u{0B}dev-12\u{0C}up\r\n",
            "Zoé Müller dans la salle", "été\u{A0}hiver", "工厂 三号线\u{3000}温度", "a \u{301}b",
        ])
    func wordsAndCaseAsTheGeneralPathDoes(_ text: String) {
        let general = text.split(whereSeparator: \.isWhitespace).map { Value.string(String($0)) }
        if let fast = ASCIIText.words(text) { #expect(fast == general, "\(text.debugDescription)") }
        let lent = Arguments.with([.string(text)]) { ASCIIText.split($0) }
        if text.unicodeScalars.allSatisfy(\.isASCII) || text == "Zoé Müller dans la salle" {
            #expect(lent != nil, "\(text.debugDescription)")
        }
        if let lent { #expect(lent == general, "\(text.debugDescription), lent") }
        // Every letter, and the bytes either side of each range of letters, in both halves of a word.
        for padded in [text, "@AZ[`az{ \(text) Hello, World", "a" + text + "~~~~~~~~Z"] {
            for toUpper in [true, false] {
                let general = toUpper ? padded.uppercased() : padded.lowercased()
                let fast = ASCIIText.changingCase(padded, toUpper: toUpper)
                let latin1 = padded.unicodeScalars.allSatisfy {
                    $0.value < 0x100 && !"ßÿµ".unicodeScalars.contains($0)
                }
                #expect((fast == nil) == !latin1, "\(padded.debugDescription)")
                if let fast { #expect(fast == general, "\(padded.debugDescription)") }
            }
        }
    }

    @Test func joinWritesWhatJoiningStringsGives() {
        // Every length from nothing to past eight words: pieces up to 64 bytes are copied a word at a time.
        let lengths = (0...70).map { String(repeating: "abcdefghij", count: 7).prefix($0) }.map(String.init)
        let scratch = TextScratch.allocate()
        defer { scratch.deallocate() }
        for separator in Self.separators + ["", "é", "sixteen-bytes-xy", "seventeen-bytes-x"] {
            for count in 0...4 {
                let pieces = Array((Self.texts + lengths).shuffled().prefix(count))
                #expect(
                    ASCIIText.join(pieces.map(Value.string), separator, scratch) == pieces.joined(separator: separator),
                    "\(pieces) with \(separator)")
            }
        }
        for piece in lengths {
            let pieces = [piece, "é" + piece, piece + "\r\n", piece]
            #expect(ASCIIText.join(pieces.map(Value.string), "/", scratch) == pieces.joined(separator: "/"))
        }
        #expect(ASCIIText.join([.string("a"), .int(1)], "/", scratch) == nil)
        #expect(ASCIIText.join([.int(1)], "/", scratch) == nil)
        let list = Value.list(lengths.map(Value.string))
        #expect(
            Arguments.with([list, .string("/")]) { ASCIIText.join($0, using: scratch) }
                == lengths.joined(separator: "/"))
        #expect(Arguments.with([list]) { ASCIIText.join($0, using: scratch) } == lengths.joined())
        #expect(Arguments.with([list, .int(1)]) { ASCIIText.join($0, using: scratch) } == nil)
        #expect(Arguments.with([.string("a"), .string("/")]) { ASCIIText.join($0, using: scratch) } == nil)
        #expect(scratch.top == 0, "the scratch is left as found")
    }

    @Test func bytesBecomeTheStringDecodingGives() {
        // Every length around the 15 bytes a string holds in itself, ASCII, not ASCII, and not UTF-8.
        let ascii = Array("factory/line-3/machine-72/temp/x".utf8)
        for length in 0...ascii.count {
            for bytes in [
                Array(ascii.prefix(length)), Array(ascii.prefix(length)) + [0xC3, 0xA9], [0xFF] + ascii.prefix(length),
            ] {
                let made = bytes.withUnsafeBufferPointer { ASCIIText.string($0) }
                #expect(made == String(decoding: bytes, as: UTF8.self), "\(bytes)")
            }
        }
    }

    static let patterns = [
        "machine-7[0-9]/", "temp$", "^factory", "line-1+", "lines?", "ab{2}", "a|temp", "(?i)TEMP", "x*", "machine-\\d",
        "caf", "\\.", "b", "e\u{301}", "Kelvin", "a;b",
    ]

    @Test(arguments: patterns)
    func thePrefilterNeverChangesAnAnswer(_ pattern: String) throws {
        let compiled = try TextPattern(pattern)
        for text in Self.texts + ["factory/line-11/machine-79/temp", "line/lin", "abb", "TEMP", "xyz.w"] {
            #expect(compiled.matches(text) == text.contains(try Regex(pattern)), "\(pattern) ~ \(text)")
        }
    }

    @Test func theRequiredLiteralIsWhatEveryMatchStartsWith() {
        #expect(TextPattern.leadingLiteral("machine-7[0-9]/") == Array("machine-7".utf8))
        #expect(TextPattern.leadingLiteral("lines?") == Array("line".utf8))
        #expect(TextPattern.leadingLiteral("line-1+") == Array("line-1".utf8))
        #expect(TextPattern.leadingLiteral("a|temp") == nil)
        #expect(TextPattern.leadingLiteral("(?i)TEMP") == nil)
        #expect(TextPattern.leadingLiteral("x*") == nil)
    }

    @Test(arguments: [
        "a*", "(a)", "a|b", "[[:alpha:]]", "[a&&b]", "[a--b]", "[a~~b]", "\\1", "\\b", "[]a]", "a{2}", "^$", "[--a]",
        "[a--]", "[z-a]", "a]", "é", "[é]", "\\p{L}", "(?i)a", "a$b", "a^",
    ])
    func whatTheBytePatternCannotSayItLeavesToRegex(_ pattern: String) {
        #expect(BytePattern(pattern) == nil, "\(pattern)")
    }

    /// Generated patterns of single characters and anchors, over generated texts with newlines and tabs: the byte
    /// loop and `Regex` agree on every text the byte loop answers for, and `TextPattern` on every text.
    @Test func theBytePatternMatchesWhereRegexDoes() throws {
        let pieces = [
            "a", "b", "-", "/", "x", "0", "7", " ", ".", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\.", "\\-", "\\/",
            "[0-9]", "[a-c]", "[^a]", "[^0-9a]", "[\\d_]", "[a\\-z]", "[\\s]", "[^\\w]", "[.]", "[ab7]", "[a-]", "[-a]",
            "[^-a]", "[a-c-]", "[\\d-]",
        ]
        let alphabet = Array("ab-/.x07_ \n\t\u{0B}A\r")
        var random = SplitMix64(state: 12)
        var answered = 0
        for _ in 0..<400 {
            var pattern = random.below(4) == 0 ? "^" : ""
            for _ in 0..<(1 + random.below(4)) { pattern += random.pick(pieces) }
            if random.below(4) == 0 { pattern += "$" }
            let regex = try Regex(pattern)
            let compiled = try TextPattern(pattern)
            guard let bytes = BytePattern(pattern) else {
                Issue.record("\(pattern) is a run of single characters, yet was left to Regex")
                continue
            }
            for _ in 0..<30 {
                let text = String((0..<random.below(9)).map { _ in random.pick(alphabet) })
                let expected = text.contains(regex)
                #expect(compiled.matches(text) == expected, "\(pattern) ~ \(text.debugDescription)")
                guard !text.contains("\r") else { continue }
                var utf8 = text
                let found = utf8.withUTF8 { bytes.matches($0) }
                #expect(found == expected, "\(pattern) ~ \(text.debugDescription)")
                answered += 1
            }
        }
        #expect(answered > 5_000)
    }

    /// `format` with an ASCII template answers as the general path does. The same template followed by "é" takes
    /// the general path (which reads by characters), so it must answer the same text followed by "é", or the same
    /// error.
    @Test func formatAnswersAsTheGeneralPathDoes() async {
        let pieces = [
            "{", "}", "{}", "{0}", "{1}", "{4}", "{5}", "{01}", "{-0}", "{+1}", "{ 1}", "{a}", "{}}", "x", "ab", " ",
            "\n",
        ]
        var random = SplitMix64(state: 7)
        var fastAnswers = 0
        for _ in 0..<500 {
            let template = (0..<random.below(6)).map { _ in random.pick(pieces) }.joined()
            let fast = await Self.format(template)
            let general = await Self.format(template + "\u{E9}")
            switch (fast, general) {
            case (.success(let text), .success(let generalText)):
                #expect(text + "\u{E9}" == generalText, "\(template.debugDescription)")
                fastAnswers += 1
            case (.failure(let message), .failure(let generalMessage)):
                #expect(message == generalMessage, "\(template.debugDescription)")
            default:
                Issue.record("\(template.debugDescription): \(fast) but the general path: \(general)")
            }
        }
        #expect(fastAnswers > 100)
    }

    struct Failure: Error, Equatable { let message: String }

    /// `format(template, …)` with five arguments of different kinds: its text, or its error's message.
    static func format(_ template: String) async -> Result<String, Failure> {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("t", .string(template))
        do {
            try await interpreter.run(#"print(format($t, "s", -5, 1.5, null, [1, "a"]))"#, sourceName: "t.emqx")
            return .success(host.output)
        } catch let error as ScriptError {
            return .failure(Failure(message: error.message))
        } catch {
            return .failure(Failure(message: "\(error)"))
        }
    }
}
