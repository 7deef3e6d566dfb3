import EMQXScript
import Foundation
import Testing

/// Every input the fuzzer ever kept, and hand-picked hostile ones, ends as it should: with a value, or with a
/// script error of the expected kind that points into the input.
@Suite struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    /// The fuzzer's finds: each once hung or crashed the interpreter; now each ends within its step budget.
    static let found: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".emqx") }.sorted()

    struct Hostile: Sendable, CustomTestStringConvertible {
        let text: String
        /// The error it must end with; nil: it runs to the end.
        let code: ScriptError.Code?
        var testDescription: String { String(text.prefix(40)).debugDescription }
    }

    static let hostile: [Hostile] = [
        Hostile(text: String(repeating: "{", count: 10_000), code: .syntax),
        Hostile(text: String(repeating: "-", count: 10_000) + "1", code: .syntax),
        Hostile(text: String(repeating: "not ", count: 10_000) + "1", code: .syntax),
        Hostile(
            text: "let x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300), code: .syntax),
        Hostile(text: "\"" + String(repeating: "${", count: 500), code: .incomplete),
        Hostile(text: "def f() { return f() }\nf()", code: .recursion),
        Hostile(text: "let s = \"x\"\nwhile true { s = s + s }", code: .value),
        Hostile(text: "print(1..9223372036854775807)", code: .overflow),
        Hostile(text: "for i in 0..9223372036854775806 { }", code: .custom("STEP_LIMIT")),
        // The budget is the host's, as Ctrl-C is: a script's catch does not take it (if it did, both would end well).
        Hostile(text: "try { while true { } } catch e { print \"caught\" }", code: .custom("STEP_LIMIT")),
        Hostile(
            text: "def f() { try { while true { } } catch e { return 1 } }\nprint f()", code: .custom("STEP_LIMIT")),
        Hostile(text: "print \"\\u{110000}\"", code: .syntax),
        Hostile(text: "let a = -9223372036854775807 - 1\nprint(-a)", code: .overflow),
        Hostile(text: "print(\"a\" * 9223372036854775807)", code: .value),
        Hostile(text: "echo $(echo $(echo $(echo x)))", code: nil),
        Hostile(text: "|||", code: .incomplete),
        Hostile(text: "${}", code: .syntax),
        Hostile(text: "let m = {}\n$m[1] = 2", code: .type),
    ]

    /// Runs `text` with a small step budget; returns the error it ended with, if any.
    static func outcome(_ text: String, name: String) async throws -> ScriptError? {
        let interpreter = Interpreter(host: RecordingHost())
        interpreter.maximumSteps = 10_000
        do {
            try await interpreter.run(text, sourceName: name)
            return nil
        } catch let error as ScriptError {
            return error
        } catch is ScriptExit {
            return nil
        }
    }

    /// An error points into the input: a line it has, and says what went wrong.
    static func pointsIntoTheInput(_ error: ScriptError, _ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        guard let location = error.location else { return false }
        return (1...max(lines, 1)).contains(location.line) && !error.message.isEmpty
    }

    @Test func theCorpusIsThere() {
        #expect(!Self.found.isEmpty, "no fuzzer finds in \(Self.directory.path)")
    }

    @Test(arguments: found)
    func aFindEndsWithAValueOrAnErrorInTheInput(_ name: String) async throws {
        // Read as the fuzz target reads its input: bytes that are not UTF-8 become U+FFFD.
        let text = String(decoding: try Data(contentsOf: Self.directory.appendingPathComponent(name)), as: UTF8.self)
        if let error = try await Self.outcome(text, name: name) {
            #expect(Self.pointsIntoTheInput(error, text), "\(error)")
        }
    }

    @Test(arguments: hostile)
    func aHostileInputEndsAsExpected(_ input: Hostile) async throws {
        let error = try await Self.outcome(input.text, name: "hostile")
        #expect(error?.code == input.code, "\(error.map { "\($0)" } ?? "no error")")
        if let error { #expect(Self.pointsIntoTheInput(error, input.text), "\(error)") }
    }
}
