import EMQXJSON
import EMQXKit

/// Tab for the deployment's operations: their words, flags, allowed values, and live path parameters (trace
/// names, listener ids, authenticator ids: the names the operation's collection lists).
extension Completer {
    /// The table Tab reads: the one already loaded for the deployment, else the built-in one (Tab never fetches a
    /// document).
    var operationTable: OperationTable { session.likelyOperationTable }

    /// The first words of operations, offered at the start of a line.
    var operationGroups: Set<String> {
        session.operationTables.loadedTable(named: session.deploymentName)?.groups ?? BuiltinOperations.groups
    }

    /// Candidates when the line names (or begins to name) an operation; nil leaves the line to the catalog.
    func operationCompletion(_ previous: [String], _ current: String) -> (candidates: [String], areNames: Bool)? {
        guard let first = previous.first, session.catalog.commands[first] == nil, operationGroups.contains(first)
        else { return nil }
        let table = operationTable
        guard let (operation, used) = table.operation(startingWith: previous) else {
            var next = Set(table.operations(under: previous).compactMap { $0.command.dropFirst(previous.count).first })
            if previous.count == 1 { next.formUnion(session.catalog.subcommands(of: first)) }
            return (next.sorted(), false)
        }
        let flags = operation.queryParameters.map(\.name) + (operation.body?.fields.map(\.name) ?? [])
        if current.hasPrefix("-") { return ((flags + ["body", "output", "fields"]).map { "--" + $0 }, false) }
        // Words after the command: flags take the word after them; the rest are path arguments.
        var positional: [String] = []
        var pendingFlag: String?
        for word in previous.dropFirst(used) {
            if pendingFlag != nil {
                pendingFlag = nil
            } else if word.hasPrefix("-") {
                pendingFlag = String(word.drop { $0 == "-" })
            } else {
                positional.append(word)
            }
        }
        if let flag = pendingFlag {
            let schema = operation.queryParameters.first { $0.name == flag }?.schema ?? operation.body?.field(flag)
            let allowed = schema.map { $0.allowed + $0.alternatives.flatMap(\.allowed) } ?? []
            if schema?.kind == .boolean { return (["true", "false"], false) }
            return (allowed.compactMap { $0.stringValue ?? ($0 == .null ? nil : JSONWriter.encode($0)) }, false)
        }
        guard positional.count < operation.pathParameters.count else { return ([], false) }
        return (liveNames(for: operation, argument: positional.count, given: positional), true)
    }

    /// The names the collection above a path parameter lists: `trace stop ` reads `GET /trace` for its `name`s.
    private func liveNames(for operation: Operation, argument index: Int, given: [String]) -> [String] {
        let parameter = operation.pathParameters[index].name
        let segments = operation.path.split(separator: "/")
        guard let position = segments.firstIndex(of: "{\(parameter)}"[...]) else { return [] }
        let collection = "/" + segments[..<position].joined(separator: "/")
        guard operationTable.operations.contains(where: { $0.method == .get && $0.path == collection }) else {
            return []
        }
        let values = Array(given.prefix(index))
        let key = "operation \(collection) \(values.joined(separator: "\u{1}"))"
        return live(key) { client in
            let response = try await client.send(APIRequest(.get, collection, values))
            let items = response.data.arrayValue ?? response.body.arrayValue ?? []
            return items.prefix(500).compactMap { item in
                (item[parameter] ?? item["id"] ?? item["name"]).flatMap { $0.stringValue }
            }
        }
    }
}
