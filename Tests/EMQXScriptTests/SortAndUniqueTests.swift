import EMQXScript
import Testing

/// `sort` and `unique` over large lists: `sort` keeps equal keys in their order whatever the keys are, and `unique`
/// keeps the first of each set of equal items by the language's `==` (where `1 == 1.0`), without comparing each item
/// with every one before it.
@Suite(.timeLimit(.minutes(2)))
struct SortAndUniqueTests {
    func run(_ text: String) async throws -> String { try await RecordingHost.output(of: text) }

    @Test func uniqueOfManyDistinctItemsFinishes() async throws {
        // Compared with every item kept before it, this is 20 billion comparisons.
        let program = "let u = unique(range(200000) + range(200000))\nprint len($u) $u[0] $u[-1]"
        #expect(try await run(program) == "200000 0 199999")
    }

    @Test(arguments: [
        ("[1, 1.0, 2, 2.0, 1]", "[1,2]"),
        ("[\"a\", \"b\", \"a\", \"A\"]", "[\"a\",\"b\",\"A\"]"),
        ("[[1, 2], [1.0, 2], [2, 1], []]", "[[1,2],[2,1],[]]"),
        ("[{a: 1, b: 2}, {b: 2, a: 1}, {a: 1.0, b: 2}]", "[{\"a\":1,\"b\":2},{\"b\":2,\"a\":1}]"),
        ("[0.0, -0.0, 0, false, null, null, \"\"]", "[0.0,false,null,\"\"]"),
        ("[true, 1, \"1\", [true], [1]]", "[true,1,\"1\",[true],[1]]"),
    ])
    func uniqueKeepsTheFirstOfEqualItems(_ items: String, _ expected: String) async throws {
        #expect(try await run("print unique(\(items))") == expected)
    }

    /// Records with a key of each kind, sorted by it: the expected order is worked out here, by a stable insertion
    /// sort, from what the language's `<` says of each kind.
    @Test(arguments: ["int", "text", "real", "mixed", "flag"])
    func sortIsStableForEveryKindOfKey(_ field: String) async throws {
        var records: [(id: Int, int: Int, text: String, real: Double, mixed: Double, flag: Bool)] = []
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for id in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let r = Int(state >> 33)
            records.append((id, r % 50 - 25, "k\(r % 40)", Double(r % 30) / 4, Double(r % 20) / 2, r % 2 == 0))
        }
        func key(_ record: (id: Int, int: Int, text: String, real: Double, mixed: Double, flag: Bool)) -> String {
            switch field {
            case "int": "\(record.int)"
            case "text": "\"\(record.text)\""
            case "real": "\(record.real)"
            case "mixed": record.mixed == record.mixed.rounded() ? "\(Int(record.mixed))" : "\(record.mixed)"
            default: "\(record.flag)"
            }
        }
        func less(_ a: Int, _ b: Int) -> Bool {
            let x = records[a]
            let y = records[b]
            switch field {
            case "int": return x.int < y.int
            case "text": return x.text < y.text
            case "real": return x.real < y.real
            case "mixed": return x.mixed < y.mixed
            default: return !x.flag && y.flag
            }
        }
        var expected: [Int] = []
        for id in records.indices {
            var place = expected.count
            while place > 0 && less(id, expected[place - 1]) { place -= 1 }
            expected.insert(id, at: place)
        }
        let literal = records.map { "{id: \($0.id), key: \(key($0))}" }.joined(separator: ", ")
        let program = "let records = [\(literal)]\nprint map(sort($records, |r| r.key), |r| r.id)"
        #expect(try await run(program) == "[" + expected.map(String.init).joined(separator: ",") + "]")
    }

    @Test(arguments: [
        ("sort([3, 1, 2])", "[1,2,3]"),
        ("sort([\"b\", \"a\", \"B\"])", "[\"B\",\"a\",\"b\"]"),
        ("sort([2, 1.5, -1, 1])", "[-1,1,1.5,2]"),
        ("sort([[2, 1], [1, 9], [1]])", "[[1],[1,9],[2,1]]"),
        ("sort([])", "[]"),
        // Text outside ASCII in the order `<` on strings gives: by scalars, "e\u{301}" as "é".
        (
            "sort([\"Zoé\", \"zoe\", \"Émile\", \"Åsa\", \"陈\", \"Chloé\", \"Chloe\", \"😀\"])",
            "[\"Chloe\",\"Chloé\",\"Zoé\",\"zoe\",\"Åsa\",\"Émile\",\"陈\",\"😀\"]"
        ),
        (
            "sort([\"Zoé\", \"Zoe\\u{301}x\", \"Zoe\\u{301}\", \"Zof\"])",
            "[\"Zof\",\"Zoé\",\"Zoe\u{301}\",\"Zoe\u{301}x\"]"
        ),
        ("sort([\"x\", 1], |v| 0)", "[\"x\",1]"),
    ])
    func sortOrdersWhatItCan(_ call: String, _ expected: String) async throws {
        #expect(try await run("print \(call)") == expected)
    }
}
