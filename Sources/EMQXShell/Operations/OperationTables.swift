import EMQXFiles
import EMQXJSON
import EMQXKit
import Foundation
import Synchronization

/// Each deployment's operation table: read from the deployment's own OpenAPI document, cached on disk per
/// deployment and release, or emqxsh's built-in table when the deployment serves none.
///
/// Nothing here runs until a command needs an operation: the one-shot start does not pay for it.
public final class OperationTables: Sendable {
    /// Where documents are cached: `$XDG_CACHE_HOME/emqxsh/openapi` (default `~/.cache/emqxsh/openapi`).
    public let directory: String?
    private let loaded = Mutex<[String: OperationTable]>([:])

    /// Tables cached under `directory` (nil: not cached on disk).
    public init(directory: String?) { self.directory = directory }

    /// The default cache directory for an environment.
    public static func defaultDirectory(_ environment: [String: String]) -> String? {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.cache" }
        return base.map { $0 + "/emqxsh/openapi" }
    }

    /// The table of the deployment `name`, which `client` talks to.
    ///
    /// - Parameter refresh: Fetch the document again even when one is cached.
    public func table(
        for client: EMQXClient, named name: String, refresh: Bool = false
    ) async throws
        -> OperationTable
    {
        if !refresh, let known = loaded.withLock({ $0[name] }) { return known }
        // EMQX 4 describes its API in pages, not in a document it serves: the built-in table is all there is.
        guard try await client.generation() == .v5 else {
            loaded.withLock { $0[name] = BuiltinOperations.v4 }
            return BuiltinOperations.v4
        }
        let release = try await client.release() ?? "unknown"
        let file = directory.map { "\($0)/\(Self.fileName(name, release))" }
        var table: OperationTable?
        // The sandbox's description changes with emqxsh while its release stays: it is read fresh each time, and one
        // an older emqxsh cached is not used.
        if !refresh, let file, let data = FileManager.default.contents(atPath: file),
            let document = try? JSONParser.parse(bytes: data), !Self.isSandbox(document)
        {
            table = OperationTable(document: document, source: .deployment)
        }
        if table == nil, let document = try await client.openAPIDocument() {
            table = OperationTable(document: document, source: .deployment)
            if let file, let directory, !Self.isSandbox(document) { store(document, file, directory) }
        }
        let chosen = table ?? BuiltinOperations.v5
        loaded.withLock { $0[name] = chosen }
        return chosen
    }

    private static func isSandbox(_ document: JSONValue) -> Bool {
        document["info"]?["title"]?.stringValue == "emqxsh sandbox"
    }

    /// The table already read for `name`, without any request.
    public func loadedTable(named name: String) -> OperationTable? { loaded.withLock { $0[name] } }

    /// `sandbox-5.8.1.json`: the name and release, with anything but letters, digits, `.`, `_`, `-` as `_`.
    static func fileName(_ name: String, _ release: String) -> String {
        let safe = "\(name)-\(release)".unicodeScalars.map { scalar -> Character in
            let allowed =
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "." || scalar == "_" || scalar == "-"
            return allowed ? Character(scalar) : "_"
        }
        return String(safe) + ".json"
    }

    /// A cache that cannot be written only costs a fetch next time.
    private func store(_ document: JSONValue, _ file: String, _ directory: String) {
        try? PrivateFile.makeDirectory(directory)
        try? PrivateFile.write(Array(JSONWriter.encode(document).utf8), to: file)
    }
}
