import EMQXJSON
import EMQXKit
import EMQXScript

/// `operations`: every operation of the selected deployment, with the command that runs it.
enum OperationsCommand {
    static let tag = CommandFlag<String>.text("tag", "only operations with this tag (Trace, Rules, …), any case")
    static let like = CommandFlag<String>.text("like", "only operations whose command or path contains this text")
    static let refresh = CommandFlag<Bool>.presence("refresh", "fetch the deployment's OpenAPI document again")

    static let all: [any ShellCommand] = [
        Command(
            "operations", "list the deployment's API operations and the commands that run them",
            example: "operations --tag trace",
            signature: CommandSignature(flags: [tag, like, refresh])
        ) { args, session in
            let table = try await session.operationTable(refresh: try args[Self.refresh] ?? false)
            let tag = try args[Self.tag]?.lowercased()
            let like = try args[Self.like]?.lowercased()
            var rows: [Value] = []
            for operation in table.operations {
                if let tag, operation.tag.lowercased() != tag { continue }
                if let like, !operation.commandName.lowercased().contains(like),
                    !operation.path.lowercased().contains(like)
                {
                    continue
                }
                var row = OrderedMap<Value>()
                row["method"] = .string(operation.method.rawValue)
                row["path"] = .string(operation.path)
                // A catalog command of the same name wins: that command is what runs.
                let shadowed = session.catalog.commands[operation.commandName] != nil
                row["command"] = .string(operation.usage + (shadowed ? " (catalog)" : ""))
                row["tag"] = .string(operation.tag)
                row["summary"] = .string(operation.summary)
                rows.append(.map(row))
            }
            return .list(rows)
        }
    ]
}
