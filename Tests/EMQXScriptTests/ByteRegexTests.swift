import EMQXTestSupport
import Testing

@testable import EMQXScript

/// The byte matcher with groups finds what `Regex` finds: the same first match and the same groups, on patterns and
/// texts generated from the characters, quantifiers, groups, alternatives and anchors it answers for.
@Suite struct ByteRegexTests {
    /// The match and groups `Regex` gives, as byte ranges of `text` (all ASCII here).
    func regexAnswer(_ pattern: String, _ text: String) throws -> [Range<Int>?]? {
        guard let match = try Regex(pattern).firstMatch(in: text) else { return nil }
        return (0..<match.output.count).map { index in
            guard let range = match.output[index].range else { return nil }
            return text.utf8.distance(
                from: text.startIndex, to: range.lowerBound)..<text.utf8.distance(
                    from: text.startIndex, to: range.upperBound)
        }
    }

    func byteAnswer(_ regex: ByteRegex, _ text: String) -> ByteRegex.Outcome {
        var text = text
        return text.withUTF8 { regex.firstMatch(in: $0) }
    }

    @Test func generatedPatternsMatchAsRegexDoes() throws {
        let atoms = ["a", "b", ".", "\\d", "[ab]", "[^a]", "\\w", "-", "[a-]", "[-b]"]
        let quantifiers = ["", "", "*", "+", "?", "{2}", "{1,2}", "{0,}"]
        let alphabet = Array("ab1-. ")
        var random = SplitMix64(state: 12)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func sequence(_ depth: Int) -> String {
            (0..<(random.next() % 4)).map { _ in
                depth < 2 && random.next() % 4 == 0 ? group(depth + 1) : pick(atoms) + pick(quantifiers)
            }.joined()
        }
        func alternatives(_ depth: Int) -> String {
            (0..<(1 + random.next() % 3)).map { _ in sequence(depth) }.joined(separator: "|")
        }
        func group(_ depth: Int) -> String {
            (random.next() % 3 == 0 ? "(?:" : "(") + alternatives(depth) + ")"
        }
        var checked = 0
        var withAlternatives = 0
        for _ in 0..<600 {
            let alternativesAtTop = random.next() % 5 == 0
            var pattern = alternativesAtTop ? alternatives(1) : sequence(0)
            // The subset needs a character somewhere; anchors go with one alternative only.
            if !atoms.contains(where: pattern.contains) { pattern += "a" }
            if !alternativesAtTop {
                if random.next() % 4 == 0 { pattern = "^" + pattern }
                if random.next() % 4 == 0 { pattern += "$" }
            }
            if pattern.contains("|") { withAlternatives += 1 }
            let regex = try #require(ByteRegex(pattern), "\(pattern) is in the subset")
            for _ in 0..<12 {
                let text = String((0..<(random.next() % 9)).map { _ in pick(alphabet) })
                let expected = try regexAnswer(pattern, text)
                switch byteAnswer(regex, text) {
                case .match(let ranges): #expect(ranges == expected, "\(pattern) in \(text.debugDescription)")
                case .none: #expect(expected == nil, "\(pattern) in \(text.debugDescription)")
                case .tooComplex: Issue.record("\(pattern) in \(text.debugDescription) ran out of budget")
                }
                checked += 1
            }
        }
        #expect(checked == 7200)
        #expect(withAlternatives > 150)
    }

    /// Each alternative goes on to what follows the group, and a later one is tried when what follows fails.
    @Test(arguments: [
        ("(?:a|b)c", ["ac", "bc", "a", "b", "abc"]), ("(?:ab|a)bc", ["abc", "abbc"]),
        ("x(?:|y)z", ["xz", "xyz", "xy"]),
        ("(a|ab)(c|bcd)(d*)", ["abcd", "abcdd"]), ("INFO|WARN|(ERR)OR", ["a WARN", "ERROR b", "INFO"]),
    ])
    func alternativesGoOnToWhatFollows(_ pattern: String, _ texts: [String]) throws {
        let regex = try #require(ByteRegex(pattern))
        for text in texts {
            let expected = try regexAnswer(pattern, text)
            switch byteAnswer(regex, text) {
            case .match(let ranges): #expect(ranges == expected, "\(pattern) in \(text)")
            default: #expect(expected == nil, "\(pattern) in \(text)")
            }
        }
    }

    @Test(arguments: [
        "(a)*", "(?:a)+", "(?=a)", "^a|b", "a|b$", "(a)+", "a*?", "a+?", "a++", "\\b", "\\1", "[[:alpha:]]", "é",
        "a{x}", "a{3,1}", "(a",
        "a)", "a^", "$a", "", "(?i)a",
    ])
    func whatItDoesNotAnswerForIsLeftToRegex(_ pattern: String) {
        #expect(ByteRegex(pattern) == nil, "\(pattern)")
    }

    @Test func aPatternThatBacktracksTooLongIsLeftToRegex() throws {
        let regex = try #require(ByteRegex("a*a*a*a*a*a*b"))
        guard case .tooComplex = byteAnswer(regex, String(repeating: "a", count: 60)) else {
            Issue.record("the budget did not stop it")
            return
        }
    }

    @Test func matchesGivesTheGroupsOfALogLine() async throws {
        let host = RecordingHost()
        let line = "2024-05-01 client c-17 connected from 10.0.3.1"
        try await Interpreter(host: host).run(
            """
            print matches("\(line)", "client (c-[0-9]+) connected from ([0-9.]+)")
            print matches("café client c-1", "client (c-[0-9]+)") matches("no", "(x)") matches("a\\r\\nb", "(a)(.*)")
            print matches("1700 DISCONNECT c-1", "^([0-9]+) (CONNECT|DISCONNECT|(KICK)) (?:client=)?(c-[0-9]+)$")
            """, sourceName: "regex")
        let first = "[\"client c-17 connected from 10.0.3.1\",\"c-17\",\"10.0.3.1\"]"
        #expect(
            host.output == first + "\n[\"client c-1\",\"c-1\"] null [\"a\",\"a\",\"\"]"
                + "\n[\"1700 DISCONNECT c-1\",\"1700\",\"DISCONNECT\",null,\"c-1\"]")
    }
}
