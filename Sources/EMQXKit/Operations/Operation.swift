/// One operation of a deployment's management API: a method on a path, with what it takes.
public struct Operation: Sendable, Hashable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path as documented, relative to the API base: `/trace/{name}/stop`.
    public var path: String
    /// The document's first tag for it (`Trace`), or the path's first segment when it has none.
    public var tag: String
    /// One line about it, from the deployment's own document; empty in the built-in table.
    public var summary: String
    /// The shell command that runs it, as words: `["trace", "stop"]` (see `OperationNaming`).
    public var command: [String]
    /// Path parameters in path order, then query parameters.
    public var parameters: [OperationParameter]
    /// The JSON body's schema, for operations that take one.
    public var body: OperationSchema?
    /// Whether the document marks it deprecated.
    public var isDeprecated = false

    /// The command as one string: `trace stop`.
    public var commandName: String { command.joined(separator: " ") }

    /// The path parameters, in the order the path has them: the command's positional arguments.
    public var pathParameters: [OperationParameter] { parameters.filter { $0.location == .path } }

    /// The query parameters.
    public var queryParameters: [OperationParameter] { parameters.filter { $0.location == .query } }

    /// The command with its positional arguments: `trace stop NAME`.
    public var usage: String {
        ([commandName] + pathParameters.map { $0.name.uppercased() }).joined(separator: " ")
    }
}
