import EMQXJSON
import OrderedCollections

/// v5 rules of the built-in database authorization source: per user name, per client id, and for everyone.
extension SandboxState {
    private var rulesNotFound: SandboxResponse { v5.v5Error(404, "NOT_FOUND", "Not Found") }
    private var badRules: SandboxResponse {
        v5.v5Error(400, "BAD_REQUEST", "rules must be a list of {topic, permission, action}")
    }

    func v5DeleteAllRules() -> SandboxResponse {
        usernameRules = [:]
        clientidRules = [:]
        allRules = []
        return .noContent
    }

    func v5EveryoneRules() -> SandboxResponse { .json(["rules": .array(allRules.map(v5Rule))]) }

    func v5SetEveryoneRules(_ call: APICall) -> SandboxResponse {
        guard let list = call.body?["rules"]?.arrayValue, let parsed = parseRules(list) else { return badRules }
        allRules = parsed
        return .noContent
    }

    func v5DeleteEveryoneRules() -> SandboxResponse {
        allRules = []
        return .noContent
    }

    func v5ListRules(_ principal: AuthzPrincipal, _ call: APICall) -> SandboxResponse {
        let key = principal.key
        var rows = Array(authzRules(principal))
        if let like = call.queryValue("like_\(key)") { rows = rows.filter { $0.key.contains(like) } }
        return listPage(
            rows.map { [key: .string($0.key), "rules": .array($0.value.map(v5Rule))] }, call,
            countKnown: call.queryValue("like_\(key)") == nil)
    }

    func v5AddRules(_ principal: AuthzPrincipal, _ call: APICall) -> SandboxResponse {
        guard let list = call.body?.arrayValue else { return v5.v5Error(400, "BAD_REQUEST", "expected an array") }
        let key = principal.key
        var parsed: [(String, [AuthzRule])] = []
        for entry in list {
            guard let who = entry[key]?.stringValue, let rules = parseRules(entry["rules"]?.arrayValue ?? []) else {
                return v5.v5Error(400, "BAD_REQUEST", "each entry needs \(key) and rules")
            }
            if authzRules(principal)[who] != nil {
                return v5.v5Error(409, "ALREADY_EXISTS", "\(who) already has rules")
            }
            parsed.append((who, rules))
        }
        for (who, rules) in parsed { setAuthzRules(principal, who, rules) }
        return .noContent
    }

    func v5Rules(_ principal: AuthzPrincipal, _ who: String) -> SandboxResponse {
        guard let rules = authzRules(principal)[who] else { return rulesNotFound }
        return .json([principal.key: .string(who), "rules": .array(rules.map(v5Rule))])
    }

    func v5SetRules(_ principal: AuthzPrincipal, _ who: String, _ call: APICall) -> SandboxResponse {
        guard let rules = parseRules(call.body?["rules"]?.arrayValue ?? []) else { return badRules }
        setAuthzRules(principal, who, rules)
        return .noContent
    }

    func v5DeleteRules(_ principal: AuthzPrincipal, _ who: String) -> SandboxResponse {
        guard authzRules(principal)[who] != nil else { return rulesNotFound }
        setAuthzRules(principal, who, nil)
        return .noContent
    }

    private func v5Rule(_ rule: AuthzRule) -> JSONValue {
        ["topic": .string(rule.topic), "permission": .string(rule.permission), "action": .string(rule.action)]
    }

    private func parseRules(_ list: [JSONValue]) -> [AuthzRule]? {
        var rules: [AuthzRule] = []
        for item in list {
            guard let topic = item["topic"]?.stringValue, let action = item["action"]?.stringValue,
                ["publish", "subscribe", "all"].contains(action), let permission = item["permission"]?.stringValue,
                ["allow", "deny"].contains(permission)
            else { return nil }
            rules.append(AuthzRule(topic: topic, action: action, permission: permission))
        }
        return rules
    }
}
