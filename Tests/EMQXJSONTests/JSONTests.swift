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
        Case(
            input: "[0,-0,7,-42,123456789012345678,-123456789012345678]",
            output: "[0,0,7,-42,123456789012345678,-123456789012345678]"),
        Case(
            input: "[1234567890123456789,9223372036854775807,-9223372036854775807]",
            output: "[1234567890123456789,9223372036854775807,-9223372036854775807]"),
        Case(input: "[9223372036854775808,1E2,2e-1,-0.5]", output: "[9223372036854775808,100.0,0.2,-0.5]"),
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
        Case(input: "-01", message: "leading zeros", line: 1, column: 3),
        Case(input: "[-]", message: "expected a digit", line: 1, column: 3),
        Case(input: "1.", message: "expected a digit after '.'", line: 1, column: 3),
        Case(input: "[12e]", message: "expected a digit in the exponent", line: 1, column: 5),
        Case(input: "123x", message: "after the JSON value", line: 1, column: 4),
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

/// Objects in a list share the keys of the one before when they have the same: each reads exactly as it does alone,
/// with its own keys' text, whatever the keys and however they are written.
@Suite struct JSONSharedKeysTests {
    /// Each element of `list`, parsed within it and alone, written back.
    static func elements(_ list: String) throws -> (within: [String], alone: [String]) {
        guard case .array(let items) = try JSONParser.parse(list) else { return ([], []) }
        let alone = try items.map { item in try JSONWriter.encode(JSONParser.parse(JSONWriter.encode(item))) }
        return (items.map { JSONWriter.encode($0) }, alone)
    }

    @Test(arguments: [
        #"[{"a":1,"b":2},{"a":3,"b":4},{"a":5,"b":6}]"#,
        #"[{"ab":1},{"abc":2},{"a":3},{"":4},{"ab":5}]"#,
        #"[{"a\"b":1},{"a\"b":2},{"a\\b":3},{"a\\b":4}]"#,
        #"[{"ab":1},{"a\u0062":2},{"ab":3}]"#,
        #"[{"é":1},{"e\u0301":2},{"é":3}]"#,
        #"[{"a":1,"b":2},{"a":1},{"a":1,"b":2,"c":3},{"b":1,"a":2},{"a":1,"b":2}]"#,
        #"[{"a":1,"b":2},{"a":1,"a":5},{"a":1,"b":2,"b":7}]"#,
        #"[{"x":{"p":1}},{"x":{"p":2,"q":3}},{"x":{"p":4}},{"y":{"p":5}}]"#,
        #"[{"k\u0001":1},{"k\u0001":2}]"#,
    ])
    func eachObjectReadsAsItDoesAlone(_ list: String) throws {
        let (within, alone) = try Self.elements(list)
        #expect(within == alone)
        #expect(!within.isEmpty)
    }

    @Test func keysWrittenEveryWayReadAsTheyDoAlone() throws {
        // Keys that need escapes, that are prefixes of each other, and that are canonically equal with other bytes,
        // written raw or as \u escapes, in random orders and subsets.
        let keys: [(raw: String, escaped: String)] = [
            ("a", #"\u0061"#), ("ab", #"a\u0062"#), ("b", #"\u0062"#), ("é", #"\u00e9"#), ("é", #"e\u0301"#),
            (#"q\""#, #"q\u0022"#), (#"x\\y"#, #"x\u005cy"#), ("", ""),
            ("subscriptions_cnt", #"subscriptions\u005fcnt"#), ("subscriptions_max", #"subscriptions_ma\u0078"#),
            ("abcdefgh", #"abcdefg\u0068"#), ("abcdefgi", "abcdefgi"),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            // Mostly the keys of the object before (a shape repeats, and its keys are then compared by bytes),
            // sometimes one key fewer or more, sometimes new ones.
            var chosen: [(raw: String, escaped: String)] = []
            let objects = (0..<Int.random(in: 1...8, using: &generator)).map { _ -> String in
                switch Int.random(in: 0..<10, using: &generator) {
                case 0..<6: break
                case 6: chosen = Array(chosen.dropLast())
                case 7: chosen.append(keys.randomElement(using: &generator)!)
                default:
                    chosen = Array(keys.shuffled(using: &generator).prefix(Int.random(in: 0...4, using: &generator)))
                }
                let members = chosen.enumerated().map { position, key in
                    "\"\(Bool.random(using: &generator) ? key.raw : key.escaped)\":\(position)"
                }
                return "{" + members.joined(separator: ",") + "}"
            }
            let list = "[" + objects.joined(separator: ",") + "]"
            let (within, alone) = try Self.elements(list)
            #expect(within == alone, "\(list)")
        }
    }

    @Test(arguments: [
        (#"[{"a":1},{"a"1}]"#, "expected ':'"), (#"[{"a":1},{"a"#, "unterminated string"),
        (#"[{"a":1},{"a":}]"#, "expected a value"), (#"[{"a":1},{"a":1"#, "expected ',' or '}'"),
    ])
    func aBrokenObjectAfterOneOfItsShapeSaysWhatIsWrong(_ list: String, _ message: String) {
        #expect {
            try JSONParser.parse(list)
        } throws: { error in
            (error as? JSONParseError)?.message.contains(message) == true
        }
    }
}

/// Strings are escaped where they need it, wherever the character stands in them.
@Suite struct JSONStringEscapeTests {
    /// The JSON literal of `text`, one character at a time.
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test(arguments: ["\u{0}", "\u{1F}", "\"", "\\", "\n", " ", "!", "#", "[", "]", "\u{7F}", "é", "\u{2028}", "😀"])
    func eachCharacterAtEveryPlace(_ special: String) {
        for before in 0..<20 {
            for after in [0, 1, 7, 8, 9] {
                let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                #expect(JSONWriter.quote(text) == Self.reference(text), "\(before) \(after)")
            }
        }
    }
}
