import EMQXJSON
import EMQXKit
import EMQXScript

/// Runs a command that names an operation of the deployment's table: `trace create --name t1 --type clientid …`.
///
/// Path parameters are positional words; query parameters and top-level body fields are flags; `--body` gives a
/// whole body (a map or JSON text). The request is checked against the operation's schema before it is sent.
enum OperationCommand {
    /// The operation `name` and the leading words of `arguments` name, run with the rest.
    static func run(
        _ name: String, _ arguments: [CommandArgument], in session: ShellSession
    ) async throws -> (Value, OutputSettings?, Resource?) {
        let client = try session.requireClient(name)
        let table = try await session.operationTable()
        var words = [name]
        for argument in arguments {
            guard case .value(.string(let word)) = argument else { break }
            words.append(word)
        }
        guard let (operation, used) = table.operation(startingWith: words) else {
            let under =
                table.operations(under: [name]).map { $0.command.dropFirst().joined(separator: " ") }
                + session.catalog.subcommands(of: name)
            let known = under.isEmpty ? "" : "; '\(name)' has: " + Array(Set(under)).sorted().joined(separator: ", ")
            throw ShellError.usage(
                "'\(words.prefix(3).joined(separator: " "))' is no operation of \(session.deploymentName)\(known)")
        }
        let rest = Array(arguments.dropFirst(used - 1))
        if rest.contains(.flag("--help")) || rest.contains(.flag("-h")) {
            session.sink.write(help(operation, table) + "\n")
            return (.null, nil, nil)
        }
        var input = OperationInput()
        var display = session.settings
        var changedDisplay = false
        var preview = false
        var index = 0
        while index < rest.count {
            switch rest[index] {
            case .value(let value):
                input.positional.append(try json(value, operation.commandName))
            case .flag("--preview"):
                preview = true
            case .flag(let flag):
                let key = String(flag.drop { $0 == "-" })
                var value: Value = .bool(true)
                if index + 1 < rest.count, case .value(let next) = rest[index + 1] {
                    value = next
                    index += 1
                }
                switch key {
                case "o", "output":
                    guard let format = OutputFormat(name: value.displayText) else {
                        throw ShellError.usage(
                            "\(operation.commandName): --output takes table, json, jsonl, csv or yaml")
                    }
                    display.format = format
                    changedDisplay = true
                case "fields":
                    display.fields = value.displayText.split(separator: ",").map {
                        String($0).trimmingCharacters(in: " ")
                    }
                    changedDisplay = true
                case "body":
                    input.body = try RawCommands.jsonBody(value, operation.commandName)
                default:
                    input.named.append((key, try json(value, operation.commandName)))
                }
            }
            index += 1
        }
        // A change of what a GET reads starts from its current value: the flags change those fields only.
        var current: JSONValue?
        if let reader = OperationChange.reader(of: operation, in: table),
            (input.body == nil && !input.named.isEmpty) || preview
        {
            let path = input.positional.prefix(reader.pathParameters.count).map {
                $0.stringValue ?? JSONWriter.encode($0)
            }
            var read = try await client.send(APIRequest(.get, reader.path, Array(path))).data
            read = OperationChange.editable(read, for: operation)
            current = read
            // Only an object takes field changes: a GET that lists (topic metrics) is no current value of the PUT.
            if input.body == nil && !input.named.isEmpty, case .object = read { input.body = read }
        }
        let request = try operation.request(input)
        if preview {
            guard let current, let body = request.body else {
                throw ShellError.usage(
                    "\(operation.commandName): --preview shows a change of what a GET reads; this is not one")
            }
            let lines = OperationChange.difference(from: current, to: body)
            return (.list((lines.isEmpty ? ["no change"] : lines).map { .string($0) }), nil, nil)
        }
        let response = try await client.send(request)
        // The data without its envelope (v4's `code`, a v5 page's `meta`): a list shows as a table.
        return (
            Value(json: response.data), changedDisplay ? display : nil, OperationColumns.resource(for: operation)
        )
    }

    private static func json(_ value: Value, _ command: String) throws -> JSONValue {
        guard let json = value.json else {
            throw ShellError.usage("\(command): \(value.displayText) cannot be sent as JSON")
        }
        return json
    }

    /// What the table says about an operation: its summary, method and path, arguments, flags and body fields.
    static func help(_ operation: Operation, _ table: OperationTable) -> String {
        var lines = [operation.commandName + (operation.summary.isEmpty ? "" : " — " + operation.summary)]
        let origin =
            table.source == .builtIn
            ? "emqxsh's built-in table (EMQX \(table.version ?? "5"))" : "the deployment's own OpenAPI document"
        lines += ["  \(operation.method.rawValue) \(operation.path)    (from \(origin))", ""]
        lines.append(
            "usage: \(operation.usage)" + (operation.queryParameters.isEmpty && operation.body == nil ? "" : " [flags]")
        )
        if operation.isDeprecated { lines.append("deprecated by the API") }
        if !operation.pathParameters.isEmpty {
            lines +=
                ["", "arguments:"]
                + operation.pathParameters.map { row($0.name.uppercased(), $0.schema, required: false) }
        }
        if !operation.queryParameters.isEmpty {
            lines +=
                ["", "query flags:"]
                + operation.queryParameters.map { row("--" + $0.name, $0.schema, required: $0.isRequired) }
        }
        if let body = operation.body {
            let forms = body.alternatives.filter { !$0.fields.isEmpty }
            if forms.isEmpty {
                lines += ["", "body fields (flags, or the whole body as --body {…}):"]
                lines += body.fields.map { row("--" + $0.name, $0.schema, required: body.required.contains($0.name)) }
                if body.fields.isEmpty { lines.append("  --body VALUE".padding(to: 30) + body.expectation) }
            } else {
                lines += ["", "body: one of \(forms.count) forms (flags, or the whole body as --body {…}):"]
                for (number, form) in forms.enumerated() {
                    let tag = form.fields.first { !$0.schema.allowed.isEmpty && $0.schema.allowed.count == 1 }
                    let label =
                        tag.map { "\($0.name) = \(JSONWriter.encode($0.schema.allowed[0]))" } ?? "form \(number + 1)"
                    lines.append(
                        "  \(label): "
                            + form.fields.map { form.required.contains($0.name) ? $0.name + "*" : $0.name }.joined(
                                separator: ", "))
                }
                lines.append("  (* required)")
            }
        }
        if OperationChange.reader(of: operation, in: table) != nil {
            lines += [
                "", "Flags change the current value (read first); --preview shows the change without sending it.",
            ]
        }
        lines += ["", "-o, --output FORMAT and --fields A,B choose how the answer is shown."]
        return lines.joined(separator: "\n")
    }

    private static func row(_ name: String, _ schema: OperationSchema, required: Bool) -> String {
        var facts = [schema.expectation]
        if required { facts.append("required") }
        if let value = schema.defaultValue { facts.append("default \(JSONWriter.encode(value))") }
        return "  " + name.padding(to: 28) + facts.joined(separator: "; ")
    }
}
