import EMQXScript
import Synchronization

/// A host that records what scripts print and show, with a few commands for tests.
final class RecordingHost: ScriptHost {
    private let lines = Mutex<[String]>([])
    private let fetched = Counter()
    let files: [String: String]
    let variables: [String: String]

    init(files: [String: String] = [:], environment: [String: String] = [:]) {
        self.files = files
        self.variables = environment
    }

    /// Everything printed and shown, one entry per line.
    var output: String { lines.withLock { $0.joined(separator: "\n") } }

    /// What `program` prints, run by a new interpreter.
    static func output(of program: String, sourceName: String = "test") async throws -> String {
        let host = RecordingHost()
        try await Interpreter(host: host).run(program, sourceName: sourceName)
        return host.output
    }
    /// How many items streams have produced so far (to prove laziness).
    var itemsFetched: Int { fetched.value }

    func hasCommand(_ name: String) -> Bool { ["echo", "items", "fail", "args", "hang"].contains(name) }

    func runCommand(_ name: String, arguments: [CommandArgument], at location: SourceLocation) async throws -> Value {
        switch name {
        case "echo":
            return .string(
                arguments.map { argument in
                    switch argument {
                    case .flag(let flag): return flag
                    case .value(let value): return value.displayText
                    }
                }.joined(separator: " "))
        case "args":
            return .list(
                arguments.map { argument in
                    switch argument {
                    case .flag(let flag): return .object(["flag": .string(flag)])
                    case .value(let value): return value
                    }
                })
        case "items":
            guard case .value(.string(let text))? = arguments.first, let count = Int(text) else { return .list([]) }
            return .stream(
                ValueStream(name: "items") { [fetched] in
                    let position = Counter()
                    return {
                        let index = position.next()
                        guard index < count else { return nil }
                        _ = fetched.next()
                        return .object(["id": .int(Int64(index))])
                    }
                })
        case "fail":
            throw CommandFailure(code: "CLIENTID_NOT_FOUND", message: "Client ID not found", details: ["status": 404])
        case "hang":
            try await Task.sleep(for: .seconds(60))
            return .null
        default:
            return .null
        }
    }

    func show(_ value: Value) async throws {
        let text: String
        if case .stream(let stream) = value {
            text = try await stream.collect().map(\.displayText).joined(separator: "\n")
        } else {
            text = value.displayText
        }
        record(text)
    }

    func print(_ text: String) { record(text) }

    /// The lines of the parallel item this task runs, held until the items before it are recorded.
    @TaskLocal static var item: ItemLines?

    final class ItemLines: Sendable {
        let lines = Mutex<[String]>([])
    }

    private func record(_ text: String) {
        if let item = Self.item { item.lines.withLock { $0.append(text) } } else { lines.withLock { $0.append(text) } }
    }

    /// As the shell does, parallel items' output in item order: a test comparing two runs must not see them race.
    func parallelScope() -> any ParallelScope { OrderedScope(host: self) }

    final class OrderedScope: ParallelScope {
        let host: RecordingHost
        private let order = ItemOrder<[String]>()

        init(host: RecordingHost) { self.host = host }

        @concurrent func run(item index: Int, _ body: @Sendable @concurrent () async throws -> Void) async throws {
            let item = ItemLines()
            defer {
                let ready = order.finish(index, with: item.lines.withLock { $0 }).joined()
                host.lines.withLock { $0 += ready }
            }
            try await RecordingHost.$item.withValue(item) { try await body() }
        }
    }

    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        guard let text = files[path] else { throw CommandFailure(code: "NOT_FOUND", message: "no such file") }
        return SourceText(name: path, text: text)
    }

    func environment(_ name: String) -> String? { variables[name] }
    func now() -> Double { 1_700_000_000.5 }
}

/// Runs a script on a fresh interpreter; returns its output, or throws its error.
func run(_ text: String, host: RecordingHost = RecordingHost(), name: String = "test.emqx") async throws -> String {
    let interpreter = Interpreter(host: host)
    try await interpreter.run(text, sourceName: name)
    return host.output
}

/// Runs a script that must fail, and returns the error's full text.
func failure(_ text: String, name: String = "test.emqx") async -> String {
    do {
        _ = try await run(text, name: name)
        return "(no error)"
    } catch {
        return "\(error)"
    }
}

/// A thread-safe counter that closures can share.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    /// Returns the current value and adds one.
    func next() -> Int {
        count.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
