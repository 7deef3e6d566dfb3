import EMQXJSON
import EMQXKit
import EMQXScript
import Foundation
import Synchronization

/// The shell's state and the host of its language: deployments, the connected client, output settings.
///
/// One session runs one statement at a time (the REPL and the script runner serialise), so its
/// mutable state needs no lock; it is `@unchecked Sendable` for that reason. The items of a parallel loop run
/// commands at once: what a command changes there (the connection, the display it picked) is the item's own
/// (``ParallelItem``), and the deployments table is behind a lock.
public final class ShellSession: ScriptHost, @unchecked Sendable {
    public private(set) var interpreter: Interpreter!
    /// Where output and errors go.
    public let sink: any OutputSink
    /// Output settings for results; `--output` and `set output` change the format.
    public var settings: OutputSettings
    public let isTerminal: Bool
    /// The connected client: the parallel loop item's own when it `use`d one.
    public var client: EMQXClient? { ParallelItem.current?.state.withLock { $0.connection?.client } ?? sessionClient }
    /// The connected deployment's name, `none` when there is none.
    public var deploymentName: String {
        ParallelItem.current?.state.withLock { $0.connection?.name } ?? sessionDeploymentName
    }
    private var sessionClient: EMQXClient?
    private var sessionDeploymentName = "none"
    /// Deployments `use` can switch to, by name: connected ones, and those in config.toml.
    public var deployments: [String: Deployment] { knownDeployments.withLock { $0 } }
    private let knownDeployments = Mutex<[String: Deployment]>([:])
    /// The configuration; its deployments' secrets are read when they are used.
    public var configuration = ShellConfiguration(directory: "")
    /// Each deployment's operations, read from its OpenAPI document when a command first needs them.
    public var operationTables = OperationTables(
        directory: OperationTables.defaultDirectory(ProcessInfo.processInfo.environment))
    /// Print each command's duration on stderr.
    public var timing = false
    /// MQTT endpoints known without configuration, by deployment name: the embedded sandbox's.
    public var mqttEndpoints: [String: MQTTEndpoint] = [:]
    /// The REPL's history, oldest first, for `history`; nil outside the REPL.
    public var historyEntries: (@Sendable () -> [String])?
    /// The recording in progress, if any (`record FILE`, `emqxsh --record FILE`); the output streams tee into it.
    public let recording: SessionRecording
    /// Asks for a secret without echo (the REPL reads the terminal; tests pass a closure).
    public var readSecret: (@Sendable (String) -> String?)?
    let catalog: CommandCatalog
    /// Deployments already warned about for plain HTTP: once per session is enough.
    private let warnedInsecure = Mutex<Set<String>>([])
    private var sessionPendingDisplay: (settings: OutputSettings?, resource: Resource?) = (nil, nil)
    /// The display the last command chose for its value (the parallel loop item's own in an item).
    private var pendingDisplay: (settings: OutputSettings?, resource: Resource?) {
        get { ParallelItem.current?.state.withLock { $0.pendingDisplay } ?? sessionPendingDisplay }
        set {
            if let item = ParallelItem.current {
                item.state.withLock { $0.pendingDisplay = newValue }
            } else {
                sessionPendingDisplay = newValue
            }
        }
    }

    public init(
        sink: any OutputSink, settings: OutputSettings, isTerminal: Bool,
        recording: SessionRecording = SessionRecording()
    ) {
        self.sink = ItemRoutingSink(base: sink)
        self.recording = recording
        self.settings = settings
        self.isTerminal = isTerminal
        self.catalog = CommandCatalog.standard
        self.interpreter = Interpreter(host: self)
    }

    // MARK: Deployments

    /// Makes a deployment available to `use`.
    public func register(_ deployment: Deployment) {
        knownDeployments.withLock { $0[deployment.name] = deployment }
        learnSecrets(of: deployment)
    }

    /// Connects to a deployment, closing the previous connection.
    public func connect(_ deployment: Deployment) async throws {
        learnSecrets(of: deployment)
        let next = try await EMQXClient.connect(to: deployment)
        if !deployment.baseURL.isTLS, !deployment.baseURL.isLoopback,
            warnedInsecure.withLock({ $0.insert(deployment.name).inserted })
        {
            sink.writeError(
                "warning: \(deployment.name) is plain http:// (insecure_http = true): the API key crosses the "
                    + "network in the clear\n"
            )
        }
        // Learn the generation now, so the prompt can show it (a URL ending in /api/v5 costs nothing).
        _ = try? await next.generation()
        knownDeployments.withLock { $0[deployment.name] = deployment }
        if let item = ParallelItem.current {
            item.state.withLock { state in
                state.connection = (next, deployment.name)
                state.opened.append(next)
            }
            return
        }
        await sessionClient?.shutdown()
        sessionClient = next
        sessionDeploymentName = deployment.name
    }

    /// Every secret the session holds, for masking: a recording never contains them.
    public var knownSecrets: [String] {
        deployments.values.compactMap { $0.credentials?.secret }
            + (client?.deployment.credentials.map { [$0.secret] } ?? [])
    }

    /// Closes the connection pool.
    public func close() async {
        await sessionClient?.shutdown()
        sessionClient = nil
    }

    public func parallelScope() -> any ParallelScope { OrderedParallelScope(sink: sink) }

    /// `prod v5> `, or `prod auto> ` before the generation is known.
    public var prompt: String { Prompt.primary(context) }

    /// The deployment and its API generation, as the prompt shows them: `prod v5`, `prod auto`, `none`.
    public var context: String {
        let generation: String
        if let known = client?.knownGeneration {
            generation = known.rawValue
        } else {
            generation = client == nil ? "" : "auto"
        }
        return generation.isEmpty ? deploymentName : "\(deploymentName) \(generation)"
    }

    /// The client, or a usage error saying how to get one.
    func requireClient(_ arguments: CommandArguments) throws -> EMQXClient { try requireClient(arguments.command) }

    func requireClient(_ command: String) throws -> EMQXClient {
        guard let client else {
            throw ShellError.usage("\(command): not connected; 'use NAME' a deployment or 'connect URL' first")
        }
        return client
    }

    // MARK: Running

    /// Runs text (a prompt line, a `-c` argument or a whole file).
    public func run(_ text: String, sourceName: String) async throws {
        try await interpreter.run(text, sourceName: sourceName)
    }

    /// Runs one input as the prompt does (see `reportAtPrompt`).
    public func runEntry(_ text: String, sourceName: String = "<prompt>") async -> ExitStatus {
        do {
            try await run(text, sourceName: sourceName)
            return .success
        } catch {
            return reportAtPrompt(error)
        }
    }

    /// Reports what ended an input at the prompt on the error stream and returns its status: `exit` is ignored
    /// with a note, an interruption is shown as `interruption` when given (`^C interrupted` after a Ctrl-C),
    /// anything else is described.
    public func reportAtPrompt(_ error: any Error, interruption: String? = nil) -> ExitStatus {
        if let exit = error as? ScriptExit {
            sink.writeError("(exit \(exit.status) ignored at the prompt; Ctrl-D leaves)\n")
            return .success
        }
        let status = ExitStatus.for(error)
        if status == .interrupted, let interruption {
            sink.writeError(interruption + "\n")
        } else {
            sink.writeError(Self.describe(error) + "\n")
        }
        return status
    }

    /// An error as the user reads it.
    /// Server text (messages, ids in paths) can hold control characters: they are shown, not obeyed.
    public static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case let error as ScriptError: text = "\(error)"
        case let error as EMQXError: text = "error: \(error)"
        case let error as ShellError: text = "error: \(error.message)"
        default: text = "error: \(error)"
        }
        // An error quotes its source line: a secret typed there (`--pasword x`, misspelled) is masked.
        return VisibleText.escape(SecretText.masked(text))
    }

    /// A catalog command, or the first word of an operation (`trace`, `listeners`): the catalog's win.
    public func hasCommand(_ name: String) -> Bool {
        catalog.hasGroup(name) || BuiltinOperations.groups.contains(name)
            || (operationTables.loadedTable(named: deploymentName)?.groups.contains(name) ?? false)
    }

    public func runCommand(
        _ name: String, arguments: [CommandArgument], at location: SourceLocation
    ) async throws -> Value {
        pendingDisplay = (nil, nil)
        guard catalog.hasGroup(name), !reachesOperation(name, arguments) else {
            let (value, display, resource) = try await runOperation(name, arguments)
            pendingDisplay = (display, resource)
            return value
        }
        let (command, rest) = try catalog.resolve(name, arguments)
        if rest.contains(.flag("--help")) || rest.contains(.flag("-h")) {
            sink.write(command.help + "\n")
            return .null
        }
        let start = ContinuousClock.now
        do {
            let parsed = try CommandArguments.parse(rest, signature: command.signature, command: command.name)
            var display = settings
            var changed = false
            if let format = try parsed[CommandSignature.output] {
                guard let chosen = OutputFormat(name: format) else {
                    throw ShellError.usage(
                        "\(command.name): --output takes table, json, jsonl, csv or yaml, not '\(format)'")
                }
                display.format = chosen
                changed = true
            }
            if let fields = try parsed[CommandSignature.fields] {
                display.fields = fields.split(separator: ",").map { String($0).trimmingCharacters(in: " ") }
                changed = true
            }
            let value = try await command.run(parsed, in: self)
            pendingDisplay = (changed ? display : nil, command.resource)
            if timing { sink.writeError("(\(command.name): \(Self.milliseconds(since: start)) ms)\n") }
            return value
        } catch let error as EMQXError {
            throw Self.failure(error)
        } catch let error as ShellError {
            throw error.commandFailure
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = ContinuousClock.now - start
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    // MARK: ScriptHost

    public func show(_ value: Value) async throws {
        let (override, resource) = pendingDisplay
        pendingDisplay = (nil, nil)
        let display = override ?? settings
        if case .stream(let stream) = value {
            try await show(stream, display, resource: resource)
            return
        }
        let text = Renderer.render(value, display, resource: resource)
        if !text.isEmpty { sink.write(text + "\n") }
    }

    /// At a terminal, control characters in printed text (a client id from the server, say) are shown as escapes.
    public func print(_ text: String) { sink.write((isTerminal ? VisibleText.escape(text) : text) + "\n") }

    public func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        var resolved = path
        if !path.hasPrefix("/"), sourceName.contains("/") {
            resolved = (sourceName as NSString).deletingLastPathComponent + "/" + path
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw ShellError.failure("cannot read \(resolved)")
        }
        return SourceText(name: resolved, text: String(decoding: data, as: UTF8.self))
    }

    public func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    public func now() -> Double { Date().timeIntervalSince1970 }
}
