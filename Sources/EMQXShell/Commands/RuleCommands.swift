import EMQXJSON
import EMQXKit
import EMQXScript

/// `rules`: the rule engine.
enum RuleCommands {
    static let all: [any ShellCommand] = [
        Command("rules", "list rules", example: "rules", resource: .rules) { _, session in
            .stream("rules", try session.requireClient("rules").rules(), limit: nil) { Value(json: $0.raw) }
        },
        Command("rules show", "one rule", example: "rules show rule_1a2b", signature: CommandSignature(["RULE_ID"])) {
            args, session in
            Value(json: try await session.requireClient("rules show").rule(args.word(0) ?? "").raw)
        },
        Command(
            "rules create", "create a rule",
            example: #"rules create 'SELECT * FROM "sensors/#"' --name sensors --action console"#,
            signature: CommandSignature(
                ["SQL"],
                flags: [
                    .init("name", "v5: the rule's name"), .init("description", "what it is for"),
                    .init(
                        "action", repeatable: true, "an output: v5 'console' or a JSON action; v4 a JSON {name, params}"
                    ),
                    .init("disabled", value: false, "create it disabled"),
                ])
        ) { args, session in
            let actions: [JSONValue] = try args.strings("action").map { text in
                if text.hasPrefix("{") || text.hasPrefix("[") {
                    do { return try JSONParser.parse(text) } catch {
                        throw ShellError.usage("rules create: --action: \(error)")
                    }
                }
                return .string(text)
            }
            let draft = RuleDraft(
                sql: args.word(0) ?? "", name: args.string("name"), description: args.string("description"),
                actions: actions, enabled: !(args.bool("disabled") ?? false))
            return Value(json: try await session.requireClient("rules create").createRule(draft).raw)
        },
        Command(
            "rules delete", "delete a rule", example: "rules delete rule_1a2b", signature: CommandSignature(["RULE_ID"])
        ) { args, session in
            try await session.requireClient("rules delete").deleteRule(args.word(0) ?? "")
            return .null
        },
    ]
}
