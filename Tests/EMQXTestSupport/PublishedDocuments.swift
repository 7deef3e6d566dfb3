import Foundation

/// EMQX's published API documents (`ee-en.json`, the 4.4 pages), which tests check against but the project does not
/// copy: under `EMQX_SPECS_DIR`, or the shared folder beside the project.
public enum PublishedDocuments {
    /// The path of one document, such as `ee-en.json` or `docs-md/v4.4_advanced_http-api.md`, when it is there.
    public static func path(of name: String) -> String? {
        var candidates: [String] = []
        if let directory = ProcessInfo.processInfo.environment["EMQX_SPECS_DIR"] {
            candidates.append(directory + "/" + name)
        }
        // Tests/EMQXTestSupport/ → the project → its parent, where shared/ sits.
        let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(
            project.deletingLastPathComponent().appendingPathComponent("shared/emqx-api/specs/emqx-docs/\(name)").path)
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
