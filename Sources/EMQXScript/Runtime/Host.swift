/// An argument as a command receives it: a flag as written, or a value.
public enum CommandArgument: Sendable, Equatable {
    /// `--state` or `-n`, as written (dashes included).
    case flag(String)
    case value(Value)
}

/// A command's failure with a code scripts can test: `catch e { if $e.code == "CLIENTID_NOT_FOUND" … }`.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// Anything else worth keeping: HTTP status, method, path, the API's body.
    public var details: Value

    public init(code: String, message: String, details: Value = .null) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { message }
}

/// Everything the language does to the outside world goes through its host.
///
/// The interpreter itself does no I/O, so it is tested with a host that records what
/// it was asked; the shell plugs EMQXKit in behind the same protocol. The interpreter's own async functions run on
/// their caller's executor (the module is built with nonisolated-nonsending functions, which saves an executor check
/// on every call); a host's work is `@concurrent`, free to run anywhere, as before.
public protocol ScriptHost: AnyObject, Sendable {
    /// Whether `name` is a command this host runs.
    func hasCommand(_ name: String) -> Bool
    /// Runs a command; may return a `.stream` for a long list. Throw `CommandFailure` for a coded failure.
    @concurrent func runCommand(
        _ name: String, arguments: [CommandArgument], at location: SourceLocation
    ) async throws -> Value
    /// Shows the value of a statement that stands alone (a command at the prompt, `$x`, `1 + 2`).
    @concurrent func show(_ value: Value) async throws
    /// Writes a line of text (`print`); synchronous, so compiled loops can print.
    func print(_ text: String)
    /// The text of a file for `source`, resolved against the sourcing file's name.
    @concurrent func readSource(_ path: String, from sourceName: String) async throws -> SourceText
    /// An environment variable, for `env()`.
    func environment(_ name: String) -> String?
    /// Seconds since 1970, for `now()`.
    func now() -> Double
    /// Sleeps; must end early with `CancellationError` when the task is cancelled.
    @concurrent func sleep(seconds: Double) async throws
    /// Where one parallel loop's items run: a host keeps each item's output apart and writes it in item order.
    func parallelScope() -> any ParallelScope
}

/// The items of one parallel loop, as the host runs them.
public protocol ParallelScope: Sendable {
    /// Runs item `index` (items run concurrently); its output is the host's to hold until the items before it are
    /// written.
    @concurrent func run(item index: Int, _ body: @Sendable @concurrent () async throws -> Void) async throws
}

/// Items that write as they go: for hosts with no output of their own to order.
public struct UnorderedParallelScope: ParallelScope {
    public init() {}
    @concurrent public func run(item index: Int, _ body: @Sendable @concurrent () async throws -> Void) async throws {
        try await body()
    }
}

extension ScriptHost {
    public func parallelScope() -> any ParallelScope { UnorderedParallelScope() }

    @concurrent public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}
