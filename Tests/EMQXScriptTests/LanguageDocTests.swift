import EMQXScript
import Foundation
import Testing

/// Every `emqx` example in docs/language.md runs, and prints what the `output` block after it says.
@Suite struct LanguageDocTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let line: Int
        let code: String
        let output: String?
        var testDescription: String { "docs/language.md:\(line)" }
    }

    static let examples: [Example] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/language.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var examples: [Example] = []
        let lines = text.components(separatedBy: "\n")
        var index = 0
        func block(at start: Int) -> (String, Int) {
            var end = start + 1
            while end < lines.count, lines[end] != "```" { end += 1 }
            return (lines[(start + 1)..<min(end, lines.count)].joined(separator: "\n"), end)
        }
        while index < lines.count {
            if lines[index] == "```emqx" {
                let (code, end) = block(at: index)
                var output: String?
                if end + 1 < lines.count, lines[end + 1] == "```output" {
                    let (expected, outputEnd) = block(at: end + 1)
                    output = expected
                    examples.append(Example(line: index + 1, code: code, output: output))
                    index = outputEnd + 1
                    continue
                }
                examples.append(Example(line: index + 1, code: code, output: output))
                index = end + 1
                continue
            }
            index += 1
        }
        return examples
    }()

    @Test func theDocumentHasExamples() {
        #expect(Self.examples.count >= 15)
    }

    @Test(arguments: examples)
    func example(_ example: Example) async throws {
        let host = RecordingHost(environment: [:])
        let interpreter = Interpreter(host: host)
        var actual: String
        do {
            try await interpreter.run(example.code, sourceName: "<example>")
            actual = host.output
        } catch {
            actual = (host.output.isEmpty ? "" : host.output + "\n") + "\(error)"
        }
        if let expected = example.output {
            #expect(actual == expected)
        } else {
            #expect(!actual.hasPrefix("error"), "the example fails: \(actual)")
        }
    }
}
