import EMQXJSON
import Testing

@Suite struct JSONRoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let output: String
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(
            input: #"{"b":1,"a":2,"c":{"z":null,"y":[true,false]}}"#,
            output: #"{"b":1,"a":2,"c":{"z":null,"y":[true,false]}}"#),
        Case(input: "18446744073709551616", output: "18446744073709551616"),
        Case(input: "-9223372036854775808", output: "-9223372036854775808"),
        Case(input: "1.5e3", output: "1500.0"),
        Case(input: "0.1", output: "0.1"),
        Case(input: #""caf\u00e9 \ud83d\ude00 \n\t\"\\""#, output: "\"café 😀 \\n\\t\\\"\\\\\""),
        Case(input: #""\u0001""#, output: #""\u0001""#),
        Case(input: " [ ] ", output: "[]"),
        Case(input: #"{"k":"ключ/主题/#"}"#, output: #"{"k":"ключ/主题/#"}"#),
    ]

    @Test(arguments: cases)
    func roundTrips(_ c: Case) throws {
        let value = try JSONParser.parse(c.input)
        #expect(JSONWriter.encode(value) == c.output)
        #expect(try JSONParser.parse(JSONWriter.encode(value)) == value)
    }

    @Test func keepsKeyOrderAndExactIntegers() throws {
        let value = try JSONParser.parse(#"{"z":9007199254740993,"a":1}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a"])
        #expect(value["z"] == .int(9_007_199_254_740_993))
    }

    @Test func prettyPrintsWithTwoSpaces() throws {
        let value = try JSONParser.parse(#"{"a":[1,{"b":null}]}"#)
        #expect(JSONWriter.encodePretty(value) == "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ]\n}")
    }
}

@Suite struct JSONErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let message: String
        let line: Int
        let column: Int
        var testDescription: String { input }
    }

    static let cases: [Case] = [
        Case(input: "", message: "the text is empty", line: 1, column: 1),
        Case(input: "{\"a\":1,}", message: "expected a string key", line: 1, column: 8),
        Case(input: "[1,\n 2 3]", message: "expected ',' or ']'", line: 2, column: 4),
        Case(input: "\"abc", message: "unterminated string", line: 1, column: 1),
        Case(input: "01", message: "leading zeros", line: 1, column: 2),
        Case(input: "{\"a\" 1}", message: "expected ':'", line: 1, column: 6),
        Case(input: "tru", message: "expected a value", line: 1, column: 1),
        Case(input: "[1] x", message: "after the JSON value", line: 1, column: 5),
        Case(input: "\"\\x\"", message: "invalid escape", line: 1, column: 3),
        Case(input: "\"\\ud800\"", message: "lone high surrogate", line: 1, column: 8),
        Case(input: "1e999", message: "out of range", line: 1, column: 6),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhat(_ c: Case) {
        #expect {
            _ = try JSONParser.parse(c.input)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.message.contains(c.message) && error.line == c.line && error.column == c.column
        }
    }

    @Test func refusesDeepNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(deep) }
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(bytes: [0x22, 0xFF, 0x22]) }
    }
}
