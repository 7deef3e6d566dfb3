import EMQXJSON
import EMQXKit
import EMQXScript

/// `get`, `post`, `put`, `delete`: any request relative to the API base, for everything else.
enum RawCommands {
    static let query = CommandFlag<[String]>.texts("query", short: "-q", "a query parameter NAME=VALUE (repeatable)")

    static func command(_ method: HTTPMethod) -> Command {
        let verb = method.rawValue.lowercased()
        let takesBody = method == .post || method == .put
        return Command(
            verb, "\(method.rawValue) any path relative to the API base",
            example: takesBody ? #"post /publish {topic: "t/1", payload: "hi"}"# : "\(verb) /nodes",
            signature: CommandSignature(
                ["PATH", takesBody ? "[BODY]" : "[QUERY]"], minimum: 1,
                flags: [query])
        ) { args, session in
            let client = try session.requireClient(args)
            var query: [QueryItem] = args[Self.query].map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return QueryItem(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }
            var body: JSONValue?
            if args.positionals.count > 1 {
                let second = args.positionals[1]
                if takesBody {
                    body = try jsonBody(second, verb)
                } else if case .map(let map) = second {
                    for (key, value) in map { query.append(QueryItem(key, value.displayText)) }
                } else {
                    throw ShellError.usage("\(verb): the second argument is a map of query parameters, e.g. {page: 2}")
                }
            }
            let response = try await client.raw(method, args.word(0) ?? "/", query: query, body: body)
            return Value(json: response.body)
        }
    }

    /// A map or list is sent as JSON; a string must hold JSON text.
    static func jsonBody(_ value: Value, _ verb: String) throws -> JSONValue {
        if case .string(let text) = value {
            do { return try JSONParser.parse(text) } catch {
                throw ShellError.usage("\(verb): the body is not JSON: \(error)")
            }
        }
        guard let json = value.json else { throw ShellError.usage("\(verb): the body cannot be sent as JSON") }
        return json
    }

    static let all: [any ShellCommand] = [command(.get), command(.post), command(.put), command(.delete)]
}
