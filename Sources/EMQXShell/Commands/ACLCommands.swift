import EMQXKit
import EMQXScript

/// `acl`: authorization rules of the built-in database, the same on v4 and v5.
enum ACLCommands {
    static let principalFlags: [CommandSignature.Flag] = [
        .init("username", "rules of this user"), .init("clientid", "rules of this client"),
        .init("all", value: false, "rules for everyone"),
    ]

    static func principal(_ args: CommandArguments, _ command: String) throws -> ACLPrincipal {
        if let name = args.string("username") { return .username(name) }
        if let id = args.string("clientid") { return .clientid(id) }
        if args.has("all") { return .all }
        throw ShellError.usage("\(command): say whose rules: --username NAME, --clientid ID or --all")
    }

    static func value(_ rule: ACLRule) -> Value {
        let (kind, who): (String, String)
        switch rule.principal {
        case .username(let name): (kind, who) = ("username", name)
        case .clientid(let id): (kind, who) = ("clientid", id)
        case .all: (kind, who) = ("all", "$all")
        }
        return .object([
            "principal": .string(kind), "who": .string(who), "topic": .string(rule.topic),
            "action": .string(rule.action.rawValue), "permission": .string(rule.permission.rawValue),
        ])
    }

    static let all: [any ShellCommand] = [
        Command(
            "acl", "list authorization rules", example: "acl --username alice",
            signature: CommandSignature(
                flags: principalFlags + [.init("like", "user name or client id contains this")]), resource: .acl
        ) { args, session in
            let client = try session.requireClient("acl")
            if args.has("all") { return .list(try await client.aclRules(for: .all).map(value)) }
            if args.string("username") != nil || args.string("clientid") != nil {
                return .list(try await client.aclRules(for: try principal(args, "acl")).map(value))
            }
            var rules: [Value] = []
            for scope in [ACLScope.username, .clientid, .all] {
                for try await rule in client.aclRules(scope, contains: args.string("like")) {
                    rules.append(value(rule))
                }
            }
            return .list(rules)
        },
        Command(
            "acl add", "add a rule",
            example: "acl add --username alice --topic 'sensors/#' --action publish --permission allow",
            signature: CommandSignature(
                flags: principalFlags + [
                    .init("topic", "the topic filter"), .init("action", "publish, subscribe or all"),
                    .init("permission", "allow or deny"),
                ])
        ) { args, session in
            guard let topic = args.string("topic") else { throw ShellError.usage("acl add: --topic is required") }
            guard let action = ACLAction(args.string("action") ?? "all") else {
                throw ShellError.usage("acl add: --action takes publish, subscribe or all")
            }
            guard let permission = ACLPermission(rawValue: args.string("permission") ?? "") else {
                throw ShellError.usage("acl add: --permission takes allow or deny")
            }
            try await session.requireClient("acl add").addACLRule(
                ACLRule(
                    principal: try principal(args, "acl add"), topic: topic,
                    action: action, permission: permission))
            return .null
        },
        Command(
            "acl delete", "remove a principal's rules for a topic",
            example: "acl delete --username alice --topic 'sensors/#'",
            signature: CommandSignature(flags: principalFlags + [.init("topic", "the topic filter")])
        ) { args, session in
            guard let topic = args.string("topic") else { throw ShellError.usage("acl delete: --topic is required") }
            try await session.requireClient("acl delete").deleteACLRule(try principal(args, "acl delete"), topic: topic)
            return .null
        },
    ]
}
