import Foundation
import Testing

/// Every session written in the documentation runs as written: docs/ and the README, on both API generations.
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct DoctestTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and every Markdown file under docs/.
    static let documents: [String] = {
        var files = ["README.md"]
        let docs = root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            for case let file as String in walker where file.hasSuffix(".md") { files.append("docs/" + file) }
        }
        return files.sorted()
    }()

    @Test func theDocumentsAreFound() {
        #expect(Self.documents.contains("docs/tutorials/01-getting-started.md"))
        #expect(Self.documents.filter { $0.hasPrefix("docs/tutorials/") }.count >= 4)
    }

    @Test(arguments: documents, ["v5", "v4"])
    func sessionsRunAsWritten(_ document: String, _ api: String) async throws {
        let result = try await EndToEnd.run(["doctest", "--api", api, Self.root.appendingPathComponent(document).path])
        #expect(result.status == 0, "\(document) on \(api):\n\(result.stderr)")
    }
}
