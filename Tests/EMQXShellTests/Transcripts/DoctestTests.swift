import Foundation
import Testing

@testable import EMQXShell

/// Every session written in the documentation runs as written: docs/ and the README, on both API generations.
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct DoctestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and every Markdown file under docs/ that holds sessions, with how many inputs each has.
    static let documents: [String: Int] = {
        var files = ["README.md"]
        let docs = root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            for case let file as String in walker where file.hasSuffix(".md") { files.append("docs/" + file) }
        }
        var sessions: [String: Int] = [:]
        for file in files {
            guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8),
                let transcript = try? MarkdownTranscript.parse(text, source: file), !transcript.entries.isEmpty
            else { continue }
            sessions[file] = transcript.entries.count
        }
        return sessions
    }()

    @Test func theDocumentsAreFound() {
        #expect(Self.documents["README.md", default: 0] >= 5)
        #expect(Self.documents.keys.filter { $0.hasPrefix("docs/tutorials/") }.count >= 4)
    }

    /// Each document's every input ran and printed what is written under it (the count says none was skipped).
    @Test(arguments: documents.keys.sorted(), ["v5", "v4"])
    func sessionsRunAsWritten(_ document: String, _ api: String) async throws {
        let result = try await EndToEnd.run(["doctest", "--api", api, Self.root.appendingPathComponent(document).path])
        #expect(result.status == 0, "\(document) on \(api):\n\(result.stderr)")
        let inputs = Self.documents[document, default: 0]
        #expect(inputs > 0 && result.stdout.contains(": \(inputs) inputs, every output as written"), "\(result.stdout)")
    }

    @Test func aDocumentWithNoSessionFails() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("no-session-\(UUID()).md")
        try "# Notes\n\n```emqx\nprint 1\n```\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await EndToEnd.run(["doctest", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no emqx session to check"))
    }
}
