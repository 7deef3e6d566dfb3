import PropertyBased
import Synchronization
import Testing

@testable import EMQXScript

/// Every builtin, called with extreme and ill-typed arguments, answers with a value or a script error: never a trap.
///
/// A trap would end the test process, so reaching the end of each check is the property.
@Suite(.timeLimit(.minutes(5)))
struct BuiltinPropertyTests {
    /// Values at the edges: Int64's ends, NaN and the infinities, huge and tiny floats, negative sizes,
    /// strings that look like numbers, patterns and placeholders, deep and empty collections, functions.
    static let extremes: [Value] = [
        .null, .bool(true), .bool(false),
        .int(0), .int(1), .int(-1), .int(2), .int(3), .int(-2), .int(Int64.max), .int(Int64.min), .int(Int64.max - 1),
        .int(Int64.min + 1), .int(1 << 32), .int(10_000_001), .int(-10_000_001),
        .double(.nan), .double(.infinity), .double(-.infinity), .double(1e300), .double(-1e300), .double(1e19),
        .double(-1e19), .double(0.5), .double(-0.0), .double(.leastNonzeroMagnitude), .double(.greatestFiniteMagnitude),
        .double(9.3e18), .double(253_402_300_800),
        .string(""), .string("a"), .string("9223372036854775808"), .string("-9223372036854775809"), .string("nan"),
        .string("inf"), .string("1e400"), .string("%"), .string("%Y-%m-%d %q"), .string("{}"),
        .string("{0} {1} {99999999999}"),
        .string("{-1}"), .string("{9223372036854775807}"), .string("{ }"),
        .string("{"), .string("("), .string("[a-"), .string("(a+)+$"), .string("\\"), .string("\u{1B}[2J"),
        .string("😀👍🏽"), .string(String(repeating: "ab", count: 500)), .string(" 12 "),
        .string("{\"a\":[1,2,{\"b\":null}]}"),
        .string("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["),
        .list([]), .list([.int(1), .string("x"), .null]), .list([.int(Int64.max), .int(1)]),
        .list([.double(.nan), .double(1)]),
        .list([.list([.list([])])]), .list([.int(3), .int(1), .int(2)]), .list([.string("b"), .string("a")]),
        .map([:]), .map(["a": .int(1), "b": .list([])]), .map(["": .null]),
    ]

    /// Lambdas written in the language, for the builtins that call back (`map`, `filter`, `sort`, `reduce`, …).
    static let lambdas = [
        "|x| x", "|x, y| x", "|a, b| a + b", "|x| x * 9223372036854775807", "|| null", "|x| throw \"no\"",
    ]

    static let builtins: [(String, ClosedRange<Int>)] = Builtins.table.map { ($0.key, $0.value.arity) }.sorted {
        $0.0 < $1.0
    }

    /// Argument i of a call: an extreme value (by index) or a lambda (negative index).
    static let argument = Gen.int(in: -lambdas.count...(extremes.count - 1))

    @Test func everyBuiltinIsCovered() {
        #expect(Self.builtins.count >= 40)
    }

    @Test func aNameTwoGroupsDefineIsAnErrorNamingBoth() {
        let len = Builtins.table["len"]!
        let result = Builtins.assemble(["core": ["len": len], "text": ["len": len, "upper": len]])
        guard case .failure(let clash) = result else {
            Issue.record("a duplicate name was accepted")
            return
        }
        #expect(clash.description == "the builtin len() is defined twice, in core and text")
        #expect((try? Builtins.assemble(["a": ["x": len], "b": ["y": len]]).get().count) == 2)
    }

    @Test(arguments: builtins.map(\.0))
    func neverTraps(_ name: String) async throws {
        let arity = Builtins.table[name]!.arity
        let lowest = arity.lowerBound
        let highest = min(arity.upperBound, lowest + 3)
        let counts = Counts()
        await propertyCheck(count: 1000, input: Gen.int(in: lowest...highest), Self.argument.array(of: 4...4)) {
            count, picks in
            let host = InstantHost()
            let interpreter = Interpreter(host: host)
            var written: [String] = []
            for (index, pick) in picks.prefix(count).enumerated() {
                if pick < 0 {
                    written.append(Self.lambdas[-pick - 1])
                } else {
                    interpreter.setGlobal("a\(index)", Self.extremes[pick])
                    written.append("$a\(index)")
                }
            }
            let source = "let r = \(name)(\(written.joined(separator: ", ")))"
            do {
                try await interpreter.run(source, sourceName: "property")
                counts.add(ok: true)
            } catch let error as ScriptError {
                #expect(!error.message.isEmpty, "\(source)")
                counts.add(ok: false)
            } catch {
                Issue.record("\(source) threw \(type(of: error)), not a ScriptError")
            }
        }
        #expect(counts.total == 1000)
    }

    /// The examples from the report, each an error that says what is wrong.
    @Test(arguments: [
        ("range(9223372036854775807)", "too large"),
        ("range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904)", ""),
        ("range(9223372036854775800, 9223372036854775807, 5)", ""),
        ("format_time(1e19, \"%F\")", "format_time takes seconds from year 1 to 9999"),
        ("format_time(-1e300)", "format_time takes seconds from year 1 to 9999"),
    ])
    func reportedExamples(_ source: String, _ message: String) async throws {
        let interpreter = Interpreter(host: InstantHost())
        do {
            try await interpreter.run("let r = \(source)", sourceName: "example")
            #expect(message.isEmpty, "\(source) should fail with \(message)")
        } catch let error as ScriptError {
            #expect(!message.isEmpty && error.message.contains(message), "\(source): \(error.message)")
        }
    }
}

/// Counts outcomes across the property's runs.
private final class Counts: Sendable {
    private let state = Mutex((ok: 0, failed: 0))
    func add(ok: Bool) { state.withLock { if ok { $0.ok += 1 } else { $0.failed += 1 } } }
    var total: Int { state.withLock { $0.ok + $0.failed } }
}

/// A host with no commands whose sleep returns at once, so `sleep(86400)` is checked, not waited for.
private final class InstantHost: ScriptHost {
    func hasCommand(_ name: String) -> Bool { false }
    func runCommand(
        _ name: String, arguments: [CommandArgument], at location: EMQXScript.SourceLocation
    ) async throws -> Value { .null }
    func show(_ value: Value) async throws {}
    func print(_ text: String) {}
    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        throw CommandFailure(code: "NOT_FOUND", message: "no files here")
    }
    func environment(_ name: String) -> String? { nil }
    func now() -> Double { 0 }
    func sleep(seconds: Double) async throws {}
}
