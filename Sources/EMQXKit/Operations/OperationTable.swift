public import EMQXJSON

/// The operations a deployment offers, with the commands that run them.
public struct OperationTable: Sendable {
    /// Where the table came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// The deployment's own OpenAPI document.
        case deployment
        /// The table built into emqxsh, for a deployment that serves no document.
        case builtIn

        /// Where the table came from, as a sentence part.
        public var description: String {
            switch self {
            case .deployment: return "the deployment's own OpenAPI document"
            case .builtIn: return "emqxsh's built-in table"
            }
        }
    }

    /// Every operation, in the document's order.
    public let operations: [Operation]
    /// The document's `info.version`: the EMQX release it describes.
    public let version: String?
    /// Where it came from.
    public let source: Source
    private let byCommand: [String: Int]

    /// The table an OpenAPI 3 document describes.
    public init(document: JSONValue, source: Source) {
        var reader = OperationDocumentReader(document)
        operations = reader.operations()
        version = document["info"]?["version"]?.stringValue
        self.source = source
        var byCommand: [String: Int] = [:]
        for (index, operation) in operations.enumerated() { byCommand[operation.commandName] = index }
        self.byCommand = byCommand
        groups = Set(operations.compactMap(\.command.first))
    }

    /// The operation a command names, such as `trace stop`.
    public func operation(named name: String) -> Operation? { byCommand[name].map { operations[$0] } }

    /// The operation the longest run of leading `words` names, with how many words that took.
    ///
    /// `["trace", "stop", "t1"]` finds `trace stop` and 2, leaving `t1` as an argument.
    public func operation(startingWith words: [String]) -> (operation: Operation, words: Int)? {
        var count = words.count
        while count > 0 {
            if let index = byCommand[words.prefix(count).joined(separator: " ")] { return (operations[index], count) }
            count -= 1
        }
        return nil
    }

    /// The first words of every command: `trace`, `rules`, `mqtt`, …
    public let groups: Set<String>

    /// The operations whose command starts with `prefix` words.
    public func operations(under prefix: [String]) -> [Operation] {
        operations.filter { $0.command.starts(with: prefix) }
    }
}
