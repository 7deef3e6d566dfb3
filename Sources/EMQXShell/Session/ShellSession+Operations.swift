import EMQXJSON
import EMQXKit
import EMQXScript

/// The deployment's operations, as commands next to the catalog's.
extension ShellSession {
    /// The selected deployment's operation table (read on first use; see ``OperationTables``).
    func operationTable(refresh: Bool = false) async throws -> OperationTable {
        try await operationTables.table(for: try requireClient("operations"), named: deploymentName, refresh: refresh)
    }

    /// `banned create …`, `nodes show …`, `nodes plugins load …`: a word after a catalog command that the catalog
    /// does not take as a subcommand reaches the operation of that name, when it is one of the naming rule's verbs,
    /// the command takes no words of its own, or the word is a literal word of an operation's name (lower-case
    /// letters and `_`, which node names and paths are not).
    func reachesOperation(_ name: String, _ arguments: [CommandArgument]) -> Bool {
        guard case .value(.string(let word))? = arguments.first, catalog.commands["\(name) \(word)"] == nil else {
            return false
        }
        // Cheap checks first: `get /nodes` must touch no table, not even the set of groups (a one-shot start
        // would pay for it).
        let command = catalog.commands[name]
        if let command, !command.signature.positionals.isEmpty, !OperationNaming.isVerb(word),
            !word.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" })
        {
            return false
        }
        let groups = operationTables.loadedTable(named: deploymentName)?.groups ?? BuiltinOperations.groups
        guard groups.contains(name) else { return false }
        // A group the catalog only has subcommands of: an unknown word goes to the operations, which name both.
        guard command != nil else { return client != nil }
        return likelyOperationTable.operation(startingWith: [name, word]) != nil
    }

    /// The table read for the deployment, or without a request the built-in one of its generation (v5 when not
    /// yet known): what parsing, Tab and help consult before any operation ran.
    var likelyOperationTable: OperationTable {
        operationTables.loadedTable(named: deploymentName)
            ?? (client?.knownGeneration == .v4 ? BuiltinOperations.v4 : BuiltinOperations.v5)
    }

    /// Runs an operation's command, its errors as scripts see them.
    func runOperation(
        _ name: String, _ arguments: [CommandArgument]
    ) async throws -> (Value, OutputSettings?, Resource?) {
        do {
            return try await OperationCommand.run(name, arguments, in: self)
        } catch let error as EMQXError {
            throw Self.failure(error)
        } catch let error as ShellError {
            throw error.commandFailure
        }
    }

    /// An EMQXKit error as scripts see it: `$e.code` is the API's code (or the kind), details say the rest.
    static func failure(_ error: EMQXError) -> CommandFailure {
        var details = OrderedMap<Value>()
        details["kind"] = .string(error.code.description)
        if let status = error.httpStatus { details["http_status"] = .int(Int64(status)) }
        if let code = error.apiCode { details["api_code"] = .string(code) }
        if let method = error.method { details["method"] = .string(method) }
        if let path = error.path { details["path"] = .string(path) }
        return CommandFailure(
            code: error.apiCode ?? Self.codeName(error.code), message: error.description,
            details: .map(details))
    }

    /// `invalidArgument` as scripts and messages name it: `INVALID_ARGUMENT`.
    static func codeName(_ code: EMQXError.Code) -> String {
        var name = ""
        for character in code.description {
            if character.isUppercase && !name.isEmpty { name.append("_") }
            name.append(contentsOf: character.uppercased())
        }
        return name
    }
}
