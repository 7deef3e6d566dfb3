import EMQXScript

/// Errors of the shell itself (not of the API or the language), with the exit status they end a script with.
public struct ShellError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var status: ExitStatus

    public static func usage(_ message: String) -> ShellError { ShellError(message: message, status: .usage) }
    public static func failure(_ message: String) -> ShellError { ShellError(message: message, status: .failure) }

    public var description: String { message }

    /// The form scripts catch: `$e.code` is `USAGE_ERROR` (or `SHELL_ERROR`).
    var commandFailure: CommandFailure {
        CommandFailure(
            code: status == .usage ? "USAGE_ERROR" : "SHELL_ERROR", message: message,
            details: .object(["kind": .string(status == .usage ? "invalidArgument" : "failure")]))
    }
}
