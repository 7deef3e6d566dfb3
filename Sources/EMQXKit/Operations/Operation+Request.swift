public import EMQXJSON

/// What a user gave an operation's command: values for the path, named values, and perhaps a whole body.
public struct OperationInput: Sendable {
    /// The path parameters' values, in path order.
    public var positional: [JSONValue]
    /// `--name value` pairs in the order given; a name is a query parameter or a top-level body field.
    public var named: [(name: String, value: JSONValue)]
    /// A whole body (`--body {…}`), which named body fields then add to.
    public var body: JSONValue?

    /// The input of one command line.
    public init(positional: [JSONValue] = [], named: [(name: String, value: JSONValue)] = [], body: JSONValue? = nil) {
        self.positional = positional
        self.named = named
        self.body = body
    }
}

extension Operation {
    /// The request this operation sends for `input`, refused before it is sent when it breaks the schema.
    ///
    /// A word given for a field that is not a string is read by the field's type (`--qos 1` is the number 1).
    ///
    /// - Throws: `EMQXError.invalidArgument` naming each field that is missing, unknown, of the wrong type or not
    ///     among the allowed values, and what was expected.
    public func request(_ input: OperationInput) throws(EMQXError) -> APIRequest {
        let pathParameters = self.pathParameters
        var positional = input.positional
        var body = input.body
        if positional.count == pathParameters.count + 1, self.body != nil, body == nil,
            case .object? = positional.last
        {
            body = positional.removeLast()
        }
        guard positional.count == pathParameters.count else {
            let given = positional.count
            throw EMQXError(
                .invalidArgument,
                "\(commandName) takes \(pathParameters.count) argument\(pathParameters.count == 1 ? "" : "s") "
                    + "(usage: \(usage)), not \(given)")
        }
        var problems: [String] = []
        var pathValues: [String] = []
        for (parameter, value) in zip(pathParameters, positional) {
            let typed = Self.typed(value, parameter.schema)
            problems += parameter.schema.problems(in: typed, at: parameter.name.uppercased())
            pathValues.append(Self.text(typed))
        }
        var query: [QueryItem] = []
        var fields = JSONObject()
        for (name, value) in input.named {
            if let parameter = queryParameter(name) {
                let typed = Self.typed(value, parameter.schema)
                problems += parameter.schema.problems(in: typed, at: "--\(parameter.name)")
                let values = typed.arrayValue ?? [typed]
                query += values.map { QueryItem(parameter.name, Self.text($0)) }
            } else if let schema = self.body, let field = Self.bodyField(name, schema) {
                fields[field.name] = Self.typed(value, field.schema)
            } else {
                throw EMQXError(.invalidArgument, "\(commandName): unknown flag --\(name); \(flagList)")
            }
        }
        for parameter in queryParameters
        where parameter.isRequired && !query.contains(where: { $0.name == parameter.name }) {
            problems.append("--\(parameter.name) is required (\(parameter.schema.expectation))")
        }
        if let schema = self.body {
            if !fields.isEmpty || body == nil {
                guard body == nil || body?.objectValue != nil else {
                    throw EMQXError(
                        .invalidArgument, "\(commandName): --body is not an object, so it takes no field flags")
                }
                var object = body?.objectValue ?? [:]
                for (name, value) in fields { object[name] = value }
                body = .object(object)
            }
            if let body { problems += schema.problems(in: body, at: "body") }
        } else if body != nil {
            throw EMQXError(.invalidArgument, "\(commandName) takes no body")
        }
        guard problems.isEmpty else {
            throw EMQXError(
                .invalidArgument,
                "\(commandName): the request breaks the API's schema, so it was not sent:\n  "
                    + problems.prefix(10).joined(separator: "\n  ")
                    + (problems.count > 10 ? "\n  … and \(problems.count - 10) more" : ""))
        }
        var request = APIRequest(method, path, pathValues, query: query, body: body)
        request.acceptsText = true
        return request
    }

    /// The flags this operation takes, for a message: `--name, --type, …`.
    public var flagList: String {
        let names = queryParameters.map(\.name) + (body?.fields.map(\.name) ?? [])
        return names.isEmpty ? "it takes no flags" : "it takes " + names.map { "--\($0)" }.joined(separator: ", ")
    }

    private func queryParameter(_ name: String) -> OperationParameter? {
        queryParameters.first { $0.name == name }
            ?? queryParameters.first { $0.name == name.replacing("-", with: "_") }
    }

    private static func bodyField(_ name: String, _ schema: OperationSchema) -> OperationSchema.Field? {
        let fields = schema.fields + schema.alternatives.flatMap(\.fields)
        return fields.first { $0.name == name } ?? fields.first { $0.name == name.replacing("-", with: "_") }
    }

    /// A word read by the schema's type; anything else as given.
    private static func typed(_ value: JSONValue, _ schema: OperationSchema) -> JSONValue {
        guard case .string(let word) = value, schema.kind != .string else { return value }
        return schema.value(ofWord: word)
    }

    /// A value as it goes in a path or query: strings as they are, anything else as JSON text.
    private static func text(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONWriter.encode(value)
    }
}
