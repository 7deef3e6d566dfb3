import EMQXScript
import Foundation
import Testing

/// Every input the fuzzer ever kept, plus hand-picked hostile ones, ends with a value or a script error.
@Suite struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    static let inputs: [String] = {
        var found = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".emqx") }.sorted()
        found += Self.hostile.indices.map { "hostile-\($0)" }
        return found
    }()

    static let hostile = [
        String(repeating: "{", count: 10_000),
        String(repeating: "-", count: 10_000) + "1",
        String(repeating: "not ", count: 10_000) + "1",
        "let x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        "\"" + String(repeating: "${", count: 500),
        "def f() { return f() }\nf()",
        "let s = \"x\"\nwhile true { s = s + s }",
        "print(1..9223372036854775807)",
        "for i in 0..9223372036854775806 { }",
        "print \"\\u{110000}\"",
        "let a = -9223372036854775807 - 1\nprint(-a)",
        "print(\"a\" * 9223372036854775807)",
        "echo $(echo $(echo $(echo x)))",
        "|||",
        "${}",
        "let m = {}\n$m[1] = 2",
    ]

    @Test(arguments: inputs)
    func ends(_ name: String) async throws {
        let text: String
        if name.hasPrefix("hostile-"), let index = Int(name.dropFirst(8)) {
            text = Self.hostile[index]
        } else {
            text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        }
        let interpreter = Interpreter(host: RecordingHost())
        interpreter.maximumSteps = 10_000
        do {
            try await interpreter.run(text, sourceName: name)
        } catch is ScriptError {
        } catch is ScriptExit {
        }
    }
}
