import EMQXScript
import Foundation
import Testing

@testable import EMQXShell

/// Every `emqx` example in docs/language.md runs in the real shell (the session the binary runs, with its
/// commands and renderer, no deployment), and prints what the `output` block after it says.
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

    @Test func theDocumentHasExamplesWithOutput() {
        #expect(Self.examples.count >= 15)
        #expect(Self.examples.filter { $0.output != nil }.count >= 15)
    }

    @Test(arguments: examples)
    func example(_ example: Example) async throws {
        let sink = CapturingSink()
        // The examples show what the prompt shows: values rendered for a reader, not as JSON.
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .table), isTerminal: false)
        var actual: String
        do {
            try await session.run(example.code, sourceName: "<example>")
            actual = sink.output
        } catch {
            actual = sink.output + ShellSession.describe(error) + "\n"
        }
        if let expected = example.output {
            #expect(actual == expected + "\n")
        } else {
            #expect(!actual.hasPrefix("error"), "the example fails: \(actual)")
        }
        #expect(sink.errors.isEmpty)
    }
}
