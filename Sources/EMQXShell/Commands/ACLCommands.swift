import EMQXKit
import EMQXScript

/// `acl`: authorization rules of the built-in database, the same on v4 and v5.
enum ACLCommands {
    static let username = CommandFlag<String>.text("username", "rules of this user")
    static let clientID = CommandFlag<String>.text("clientid", "rules of this client")
    static let everyone = CommandFlag<Bool>.presence("all", "rules for everyone")
    static let like = CommandFlag<String>.text("like", "user name or client id contains this")
    static let topic = CommandFlag<String>.text("topic", "the topic filter")
    static let action = CommandFlag<String>.text("action", "publish, subscribe or all")
    static let permission = CommandFlag<ACLPermission>.choice("permission", "allow or deny")
    static let principalFlags: [any FlagDeclaring] = [username, clientID, everyone]

    static func principal(_ args: CommandArguments) throws -> ACLPrincipal {
        if let name = try args[username] { return .username(name) }
        if let id = try args[clientID] { return .clientid(id) }
        if try args[everyone] == true { return .all }
        throw ShellError.usage("\(args.command): say whose rules: --username NAME, --clientid ID or --all")
    }

    static func requiredTopic(_ args: CommandArguments) throws -> String {
        guard let given = try args[topic] else { throw ShellError.usage("\(args.command): --topic is required") }
        return given
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
                flags: principalFlags + [like]), resource: .acl
        ) { args, session in
            let client = try session.requireClient(args)
            if try args[everyone] == true { return .list(try await client.aclRules(for: .all).map(value)) }
            if try args[username] != nil || args[clientID] != nil {
                return .list(try await client.aclRules(for: try principal(args)).map(value))
            }
            var rules: [Value] = []
            for scope in [ACLScope.username, .clientid, .all] {
                for try await rule in client.aclRules(scope, contains: try args[like]) {
                    rules.append(value(rule))
                }
            }
            return .list(rules)
        },
        Command(
            "acl add", "add a rule",
            example: "acl add --username alice --topic 'sensors/#' --action publish --permission allow",
            signature: CommandSignature(
                flags: principalFlags + [topic, action, permission])
        ) { args, session in
            let topic = try requiredTopic(args)
            guard let action = ACLAction(try args[action] ?? "all") else {
                throw ShellError.usage("acl add: --action takes publish, subscribe or all")
            }
            guard let permission = try args[permission] else {
                throw ShellError.usage("acl add: --permission takes allow or deny")
            }
            try await session.requireClient(args).addACLRule(
                ACLRule(
                    principal: try principal(args), topic: topic,
                    action: action, permission: permission))
            return .null
        },
        Command(
            "acl delete", "remove a principal's rules for a topic",
            example: "acl delete --username alice --topic 'sensors/#'",
            signature: CommandSignature(flags: principalFlags + [topic])
        ) { args, session in
            try await session.requireClient(args).deleteACLRule(try principal(args), topic: try requiredTopic(args))
            return .null
        },
    ]
}
