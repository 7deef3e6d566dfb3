import EMQXScript
import Testing

@Suite struct WordSplitterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let words: [String]
        var testDescription: String { line }
    }

    static let cases: [Case] = [
        Case(line: "get /nodes", words: ["get", "/nodes"]),
        Case(line: "  kick   'a b'  ", words: ["kick", "a b"]),
        Case(line: #"say "x\"y\n""#, words: ["say", "x\"y\n"]),
        Case(
            line: #"post /publish {"topic": "t/1", "payload": "a b}"}"#,
            words: ["post", "/publish", #"{"topic": "t/1", "payload": "a b}"}"#]),
        Case(line: "get /clients # all of them", words: ["get", "/clients"]),
        Case(line: "x ''", words: ["x", ""]),
        Case(line: "x [1,[2]]", words: ["x", "[1,[2]]"]),
    ]

    @Test(arguments: cases)
    func splits(_ c: Case) throws {
        #expect(try WordSplitter.split(c.line).map(\.text) == c.words)
    }

    @Test func reportsColumnsOfWords() throws {
        #expect(try WordSplitter.split("get  /x").map(\.column) == [1, 6])
    }

    @Test(arguments: [("say 'abc", 5), (#"post {"a": 1"#, 6), (#"x "open"#, 3)])
    func reportsOpenInputAsIncomplete(_ line: String, _ column: Int) {
        #expect {
            _ = try WordSplitter.split(line)
        } throws: { error in
            (error as? SplitError).map { $0.isIncomplete && $0.column == column } ?? false
        }
    }
}
