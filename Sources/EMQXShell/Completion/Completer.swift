import Dispatch
import EMQXKit
import EMQXScript
import Synchronization

/// Tab completion: commands, subcommands, flags, deployments, variables, and live names
/// (client ids, topics, users, rule ids) fetched within a time budget and cached.
public final class Completer: Sendable {
    let session: ShellSession
    /// How long Tab may wait for live names before answering with what it has.
    let budget: Duration
    private let cache = Mutex<[String: (at: ContinuousClock.Instant, names: [String])]>([:])
    private let cacheLifetime: Duration = .seconds(30)

    public init(session: ShellSession, budget: Duration = .milliseconds(300)) {
        self.session = session
        self.budget = budget
    }

    /// Whole-word candidates for the word before the cursor, and whether they are names (client ids, users, topics,
    /// rule ids, deployments), which Tab must write as quoted words, rather than keywords, flags or `$variables`.
    ///
    /// Call it off the cooperative pool (the REPL reads lines on a thread of its own): it may
    /// wait up to the budget for a live fetch that runs on the pool.
    public func completion(_ before: String) -> (candidates: [String], areNames: Bool) {
        let words = Self.words(before)
        let endsWithSpace = before.last == " " || before.last == "\t"
        let current = endsWithSpace ? "" : (words.last ?? "")
        let previous = endsWithSpace ? words : Array(words.dropLast())
        let catalog = session.catalog
        if current.hasPrefix("$") {
            return (session.interpreter.globalNames.map { "$" + $0 }, false)
        }
        guard let first = previous.first else {
            let groups = Set(catalog.names.map { String($0.split(separator: " ")[0]) }).union(operationGroups)
            // `print` is the builtin a line most often starts with; the others are offered inside expressions.
            let keywords = groups.union(session.interpreter.globalNames).union(statementKeywords).union(["print"])
            return (keywords.sorted(), false)
        }
        if let operations = operationCompletion(previous, current) { return operations }
        let subcommands = catalog.subcommands(of: first)
        var command = catalog.commands[first]
        if previous.count >= 2, let sub = catalog.commands["\(first) \(previous[1])"] { command = sub }
        if current.hasPrefix("-"), let command {
            return (command.signature.flags.map { "--" + $0.name }, false)
        }
        if previous.count == 1, !subcommands.isEmpty {
            return (subcommands, false)
        }
        guard let command else { return ([], false) }
        let positional = previous.dropFirst(command.name.split(separator: " ").count).filter { !$0.hasPrefix("-") }
            .count
        switch (command.name, positional) {
        case ("use", 0):
            return (Set(session.deployments.keys).union(session.configuration.deployments.keys).sorted(), true)
        case ("clients show", 0), ("clients subscriptions", 0), ("clients kick", _), ("kick", _), ("subscribe", 0),
            ("unsubscribe", 0):
            return (live("clients"), true)
        case ("users show", 0), ("users passwd", 0), ("users delete", 0): return (live("users"), true)
        case ("rules show", 0), ("rules delete", 0): return (live("rules"), true)
        case ("topics", 0), ("unsubscribe", 1...): return (live("topics"), true)
        case ("set", 0): return (["output"], false)
        case ("set", 1): return (OutputFormat.allCases.map(\.rawValue), false)
        case ("api", 0): return (["v4", "v5", "auto"], false)
        case ("timing", 0): return (["on", "off"], false)
        case ("help", _): return (catalog.names.map { String($0.split(separator: " ")[0]) }, false)
        default: return ([], false)
        }
    }

    /// Whole-word candidates for the word before the cursor (see `completion(_:)`).
    public func candidates(_ before: String) -> [String] { completion(before).candidates }

    /// Names of a live resource: from the cache when fresh, else fetched within the budget.
    func live(_ kind: String) -> [String] {
        live(kind) { client in try await Self.fetch(kind, client) }
    }

    /// Names under `key`: from the cache when fresh, else fetched by `fetch` within the budget.
    func live(_ key: String, _ fetch: @escaping @Sendable (EMQXClient) async throws -> [String]) -> [String] {
        let cached = cache.withLock { $0[key] }
        if let cached, ContinuousClock.now - cached.at < cacheLifetime { return cached.names }
        guard let client = session.client else { return [] }
        let done = DispatchSemaphore(value: 0)
        Task {
            if let names = try? await fetch(client) { self.store(key, names) }
            done.signal()
        }
        let milliseconds = Int(budget.components.seconds * 1000 + budget.components.attoseconds / 1_000_000_000_000_000)
        _ = done.wait(timeout: .now() + .milliseconds(milliseconds))
        return cache.withLock { $0[key]?.names } ?? cached?.names ?? []
    }

    private func store(_ kind: String, _ names: [String]) {
        cache.withLock { $0[kind] = (.now, names) }
    }

    static func fetch(_ kind: String, _ client: EMQXClient) async throws -> [String] {
        switch kind {
        case "clients": return try await client.clients(pageSize: 200).collect(limit: 200).map(\.clientID)
        case "users": return try await client.users(pageSize: 200).collect(limit: 200).map(\.userID)
        case "rules": return try await client.rules(pageSize: 200).collect(limit: 200).map(\.id)
        case "topics": return try await client.topics(pageSize: 200).collect(limit: 200).map(\.topic)
        default: return []
        }
    }

    /// The words of a partial line, with quotes kept out of the way.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        for c in text {
            if let open = quote {
                if c == open { quote = nil } else { word.append(c) }
            } else if c == " " || c == "\t" {
                if !word.isEmpty { words.append(word) }
                word = ""
            } else if c == "\"" || c == "'" {
                quote = c
            } else {
                word.append(c)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}
