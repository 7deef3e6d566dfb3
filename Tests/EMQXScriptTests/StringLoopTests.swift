import Testing

@testable import EMQXScript

/// `for i, c in $text` walks the text's characters, by bytes when each byte is one (ASCII without a carriage
/// return): the same characters, indices and control flow either way.
@Suite struct StringLoopTests {
    @Test(arguments: [
        "", "a", "SELECT payload.temp AS t, clientid", "tab\there", "a\r\nb", "x\ry", "café", "e\u{301}x",
        "工厂/温度", "👍🏽!", String(repeating: "ab/", count: 30),
    ])
    func charactersInOrder(text: String) async throws {
        // Written as a JSON list of one, which is also a script's list literal.
        let program = "let t = \(Value.list([.string(text)]).displayText)[0]\nfor i, c in $t { print $i [$c] }"
        let expected = text.enumerated().map { index, character in
            "\(index) \(Value.list([.string(String(character))]).displayText)"
        }
        #expect(try await run(program) == expected.joined(separator: "\n"))
    }

    @Test func breakContinueAndReturnLeaveTheWalk() async throws {
        let program = """
            def first_digit(t) {
                for c in $t { if matches($c, "[0-9]") { return $c } }
                return null
            }
            let kept = ""
            for c in "a-b-c-d" {
                if $c == "-" { continue }
                if $c == "d" { break }
                kept += $c
            }
            print first_digit("ab7c9") first_digit("abc") $kept
            """
        #expect(try await run(program) == "7 null abc")
    }
}
