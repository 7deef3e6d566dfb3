import EMQXScript

/// A catalog entry built from a closure: most commands are a signature and a few lines of EMQXKit.
struct Command: ShellCommand {
    let name: String
    let summary: String
    let example: String
    let signature: CommandSignature
    let resource: Resource?
    let body: @Sendable (CommandArguments, ShellSession) async throws -> Value

    init(
        _ name: String, _ summary: String, example: String, signature: CommandSignature = CommandSignature(),
        resource: Resource? = nil, _ body: @escaping @Sendable (CommandArguments, ShellSession) async throws -> Value
    ) {
        self.name = name
        self.summary = summary
        self.example = example
        self.signature = signature
        self.resource = resource
        self.body = body
    }

    func run(_ arguments: CommandArguments, in session: ShellSession) async throws -> Value {
        try await body(arguments, session)
    }
}

/// Every command, by full name (`clients`, `clients kick`, …).
public struct CommandCatalog: Sendable {
    let commands: [String: any ShellCommand]

    static let standard = CommandCatalog(
        commands: ClientCommands.all + SubscriptionCommands.all + PublishCommands.all + UserCommands.all
            + ACLCommands.all + BannedCommands.all + MonitoringCommands.all + RuleCommands.all + RawCommands.all
            + ContextCommands.all + SessionCommands.all + EchoCommand.all + OperationsCommand.all + TraceCommands.all
            + ConfigCommands.all + MQTTCommands.all + BenchCommand.all + TopCommand.all
            + [HelpCommand()])

    init(commands list: [any ShellCommand]) {
        var table: [String: any ShellCommand] = [:]
        for command in list { table[command.name] = command }
        commands = table
    }

    /// Every declared flag name, and whether any command declares its value a secret.
    var flagSecrecy: [String: Bool] {
        var secrecy: [String: Bool] = [:]
        for flag in commands.values.flatMap(\.signature.flags) {
            secrecy[flag.name] = (secrecy[flag.name] ?? false) || flag.isSecret
        }
        return secrecy
    }

    /// The command names in order, for help and completion.
    public var names: [String] { commands.keys.sorted() }

    /// Whether `name` is a command or a group of subcommands.
    func hasGroup(_ name: String) -> Bool {
        commands[name] != nil || commands.keys.contains { $0.hasPrefix(name + " ") }
    }

    /// Subcommand names of a group.
    func subcommands(of group: String) -> [String] {
        commands.keys.filter { $0.hasPrefix(group + " ") }.map { String($0.dropFirst(group.count + 1)) }.sorted()
    }

    /// The command a line names: `users add …` picks `users add` when it exists, else `users` with `add` as a word.
    func resolve(_ name: String, _ arguments: [CommandArgument]) throws -> (any ShellCommand, [CommandArgument]) {
        if case .value(.string(let word))? = arguments.first, let command = commands["\(name) \(word)"] {
            return (command, Array(arguments.dropFirst()))
        }
        if let command = commands[name] { return (command, arguments) }
        let subs = subcommands(of: name)
        if case .value(let first)? = arguments.first {
            throw ShellError.usage(
                "\(name): unknown subcommand '\(first.displayText)'; it has \(subs.joined(separator: ", "))"
            ).commandFailure
        }
        throw ShellError.usage("\(name): say which: \(subs.map { "\(name) \($0)" }.joined(separator: ", "))")
            .commandFailure
    }
}
