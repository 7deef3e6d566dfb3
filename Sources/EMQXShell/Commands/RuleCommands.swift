import EMQXJSON
import EMQXKit
import EMQXScript

/// `rules`: the rule engine.
enum RuleCommands {
    static let name = CommandFlag<String>.text("name", "v5: the rule's name")
    static let description = CommandFlag<String>.text("description", "what it is for")
    static let actions = CommandFlag<[String]>.texts(
        "action", "an output: v5 'console' or a JSON action; v4 a JSON {name, params}")
    static let disabled = CommandFlag<Bool>.presence("disabled", "create it disabled")

    static let all: [any ShellCommand] = [
        Command("rules", "list rules", example: "rules", resource: .rules) { args, session in
            .stream("rules", try session.requireClient(args).rules(), limit: nil) { Value(json: $0.raw) }
        },
        Command("rules show", "one rule", example: "rules show rule_1a2b", signature: CommandSignature(["RULE_ID"])) {
            args, session in
            Value(json: try await session.requireClient(args).rule(args.word(0) ?? "").raw)
        },
        Command(
            "rules create", "create a rule",
            example: #"rules create 'SELECT * FROM "sensors/#"' --name sensors --action console"#,
            signature: CommandSignature(
                ["SQL"],
                flags: [name, description, actions, disabled])
        ) { args, session in
            let actions: [JSONValue] = try args[actions].map { text in
                if text.hasPrefix("{") || text.hasPrefix("[") {
                    do { return try JSONParser.parse(text) } catch {
                        throw ShellError.usage("rules create: --action: \(error)")
                    }
                }
                return .string(text)
            }
            let draft = RuleDraft(
                sql: args.word(0) ?? "", name: try args[name], description: try args[description],
                actions: actions, enabled: !(try args[disabled] ?? false))
            return Value(json: try await session.requireClient(args).createRule(draft).raw)
        },
        Command(
            "rules delete", "delete a rule", example: "rules delete rule_1a2b", signature: CommandSignature(["RULE_ID"])
        ) { args, session in
            try await session.requireClient(args).deleteRule(args.word(0) ?? "")
            return .null
        },
    ]
}
