import EMQXJSON
import EMQXKit
import EMQXScript

/// `top`: a live, full-screen view of the deployment through its API (either generation): node figures, message
/// rates with a small graph, and clients sorted by the column a key picks. Not on a terminal, one snapshot.
enum TopCommand {
    static let every = CommandFlag<String>.text("every", "refresh this often: 2s, 500ms (default 1s)")
    static let sort = CommandFlag<String>.text("sort", "msg_in, msg_out, bytes_in, bytes_out, subs or queue")
    static let filter = CommandFlag<String>.text("filter", "client ids matching a pattern: 'sensor-*', 'web'")
    static let limit = CommandFlag<Int>.integer("limit", in: 1...100_000, "clients read each refresh (default 1000)")

    static let all: [any ShellCommand] = [
        Command(
            "top", "a live view of the deployment: rates, a graph, clients sorted by a column (q quits)",
            example: "top --sort msg_out --filter 'sensor-*'",
            signature: CommandSignature([], flags: [every, sort, filter, limit])
        ) { args, session in
            let client = try session.requireClient(args)
            let interval = try SessionCommands.duration(try args[every] ?? "1s", of: "top: --every")
            var view = TopView()
            if let name = try args[sort] {
                guard let column = TopView.Column.allCases.first(where: { $0.name == name }) else {
                    throw ShellError.usage(
                        "top: --sort takes " + TopView.Column.allCases.map(\.name).joined(separator: ", ")
                            + ", not '\(name)'")
                }
                view.sort = column
            }
            view.filter = try args[filter] ?? ""
            let read: @Sendable () async throws -> TopSample = { [limit = try args[limit] ?? 1000] in
                do { return try await TopSample.read(from: client, limit: limit) } catch let error as EMQXError {
                    throw ShellSession.failure(error)
                }
            }
            if session.isTerminal, let terminal = FullScreenTerminal() {
                let title = "emqxsh top — \(session.deploymentName)"
                var screen = TopScreen(terminal: terminal, view: view, interval: interval, title: title)
                try await screen.run(read)
                return .null
            }
            // One snapshot: two samples an interval apart give the rates.
            view.update(try await read())
            try await Task.sleep(for: interval)
            view.update(try await read())
            return snapshot(view)
        }
    ]

    /// The view as a value: totals, per-node figures, and the clients in the shown order.
    static func snapshot(_ view: TopView) -> Value {
        let nodes = (view.latest?.nodes ?? []).map { node -> Value in
            .map([
                "node": .string(node.node), "connections": .int(node.connections),
                "subscriptions": .int(node.subscriptions), "topics": .int(node.topics),
            ])
        }
        let clients = view.shownRows.map { row -> Value in
            var fields: OrderedMap<Value> = [
                "clientid": .string(row.clientID), "node": .string(row.node),
            ]
            for column in TopView.Column.allCases {
                let figure = row.figure(column)
                fields[column.name] = column.rawValue <= 4 ? .double((figure * 10).rounded() / 10) : .int(Int64(figure))
            }
            return .map(fields)
        }
        return .map([
            "messages_in_per_second": .double(view.rates.messagesIn.rounded()),
            "messages_out_per_second": .double(view.rates.messagesOut.rounded()),
            "bytes_in_per_second": .double(view.rates.bytesIn.rounded()),
            "bytes_out_per_second": .double(view.rates.bytesOut.rounded()),
            "sort": .string(view.sort.name), "nodes": .list(nodes), "clients": .list(clients),
        ])
    }
}
