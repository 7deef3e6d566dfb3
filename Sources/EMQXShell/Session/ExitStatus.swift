import EMQXKit
import EMQXScript

/// The process exit statuses of emqxsh, all in one place (docs/exit-codes.md lists them for users).
public struct ExitStatus: Hashable, Sendable, CustomStringConvertible {
    public let code: Int32
    public let meaning: String

    public static let success = ExitStatus(code: 0, meaning: "success")
    /// Anything not covered below.
    public static let failure = ExitStatus(code: 1, meaning: "other failure")
    /// Bad command-line arguments or configuration.
    public static let usage = ExitStatus(code: 2, meaning: "usage or configuration error")
    /// A parse or runtime error in a script (psql's ON_ERROR_STOP status).
    public static let script = ExitStatus(code: 3, meaning: "script error")
    /// The API refused the request: HTTP 4xx or a v4 result code.
    public static let apiClient = ExitStatus(code: 4, meaning: "API client error (HTTP 4xx or a v4 result code)")
    /// The API failed: HTTP 5xx.
    public static let apiServer = ExitStatus(code: 5, meaning: "API server error (HTTP 5xx)")
    /// The connection, TLS or a time limit failed.
    public static let network = ExitStatus(code: 6, meaning: "network, TLS or timeout error")
    /// Interrupted by Ctrl-C (SIGINT).
    public static let interrupted = ExitStatus(code: 130, meaning: "interrupted")

    public static let all: [ExitStatus] = [
        .success, .failure, .usage, .script, .apiClient, .apiServer, .network, .interrupted,
    ]

    public var description: String { "\(code) (\(meaning))" }

    /// The status for an error that ended a script or command.
    public static func `for`(_ error: any Error) -> ExitStatus {
        if let exit = error as? ScriptExit { return ExitStatus(code: exit.status, meaning: "exit") }
        if let error = error as? ScriptError {
            if error.code == .cancelled { return .interrupted }
            if case .error(let value)? = error.payload, let kind = value.details["kind"]?.stringValue {
                return forKind(kind)
            }
            return .script
        }
        if let error = error as? EMQXError { return forKind(error.code.description) }
        if let error = error as? ShellError { return error.status }
        if error is CancellationError { return .interrupted }
        return .failure
    }

    static func forKind(_ kind: String) -> ExitStatus {
        switch kind {
        case EMQXError.Code.clientError.description, EMQXError.Code.unauthorized.description,
            EMQXError.Code.unsupported.description:
            return .apiClient
        case EMQXError.Code.serverError.description, EMQXError.Code.invalidResponse.description: return .apiServer
        case EMQXError.Code.network.description, EMQXError.Code.tls.description, EMQXError.Code.timeout.description:
            return .network
        case EMQXError.Code.invalidArgument.description: return .usage
        case EMQXError.Code.cancelled.description: return .interrupted
        default: return .script
        }
    }
}

extension Value {
    /// Field access for hosts: the value under `key` when this is a map.
    subscript(key: String) -> Value? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }
}
