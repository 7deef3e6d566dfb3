import EMQXJSON
import Foundation

/// v5 built-in authentication users, built-in authorization rules, bans and rules.
extension SandboxState {
    static let builtInAuthenticator = "password_based:built_in_database"

    func v5Users(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        guard s.count >= 3, s[2] == "users" else { return notFound() }
        guard s[1] == Self.builtInAuthenticator else { return error(404, "NOT_FOUND", "Authenticator not found") }
        switch (r.method, s.count) {
        case ("GET", 3):
            var ids = Array(usernameUsers.keys)
            if let like = r.queryValue("like_user_id") { ids = ids.filter { $0.contains(like) } }
            if let flag = r.queryValue("is_superuser").flatMap(Bool.init) {
                ids = ids.filter { usernameUsers[$0]?.isSuperuser == flag }
            }
            let rows = ids.map {
                JSONValue.object([
                    "user_id": .string($0), "is_superuser": .bool(usernameUsers[$0]?.isSuperuser ?? false),
                ])
            }
            return listPage(rows, r, countKnown: r.queryValue("like_user_id") == nil)
        case ("POST", 3):
            guard let id = body?["user_id"]?.stringValue, !id.isEmpty, let password = body?["password"]?.stringValue
            else {
                return error(400, "BAD_REQUEST", "user_id and password are required")
            }
            guard usernameUsers[id] == nil else { return error(409, "ALREADY_EXISTS", "User already exists") }
            let superuser = body?["is_superuser"]?.boolValue ?? false
            usernameUsers[id] = UserRecord(password: password, isSuperuser: superuser, createdAt: Date())
            return .json(["user_id": .string(id), "is_superuser": .bool(superuser)], status: 201)
        case ("GET", 4):
            guard let user = usernameUsers[s[3]] else { return error(404, "NOT_FOUND", "User not found") }
            return .json(["user_id": .string(s[3]), "is_superuser": .bool(user.isSuperuser)])
        case ("PUT", 4):
            guard usernameUsers[s[3]] != nil else { return error(404, "NOT_FOUND", "User not found") }
            guard let password = body?["password"]?.stringValue else {
                return error(400, "BAD_REQUEST", "password is required")
            }
            usernameUsers[s[3]]?.password = password
            if let flag = body?["is_superuser"]?.boolValue { usernameUsers[s[3]]?.isSuperuser = flag }
            return .json(["user_id": .string(s[3]), "is_superuser": .bool(usernameUsers[s[3]]?.isSuperuser ?? false)])
        case ("DELETE", 4):
            guard usernameUsers.removeValue(forKey: s[3]) != nil else {
                return error(404, "NOT_FOUND", "User not found")
            }
            return .noContent
        default: return notFound()
        }
    }

    func v5Authz(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        guard s.count >= 4, s[1] == "sources", s[2] == "built_in_database", s[3] == "rules" else { return notFound() }
        if s.count == 4, r.method == "DELETE" {
            usernameRules = [:]
            clientidRules = [:]
            allRules = []
            return .noContent
        }
        guard s.count >= 5 else { return notFound() }
        if s[4] == "all" {
            switch r.method {
            case "GET": return .json(["rules": .array(allRules.map(v5Rule))])
            case "POST":
                guard let list = body?["rules"]?.arrayValue, let parsed = parseRules(list) else {
                    return error(400, "BAD_REQUEST", "rules must be a list of {topic, permission, action}")
                }
                allRules = parsed
                return .noContent
            case "DELETE":
                allRules = []
                return .noContent
            default: return notFound()
            }
        }
        guard s[4] == "users" || s[4] == "clients" else { return notFound() }
        let key = s[4] == "users" ? "username" : "clientid"
        var table = s[4] == "users" ? usernameRules : clientidRules
        defer { if s[4] == "users" { usernameRules = table } else { clientidRules = table } }
        switch (r.method, s.count) {
        case ("GET", 5):
            var rows = Array(table)
            if let like = r.queryValue("like_\(key)") { rows = rows.filter { $0.key.contains(like) } }
            return listPage(
                rows.map { [key: .string($0.key), "rules": .array($0.value.map(v5Rule))] }, r,
                countKnown: r.queryValue("like_\(key)") == nil)
        case ("POST", 5):
            guard let list = body?.arrayValue else { return error(400, "BAD_REQUEST", "expected an array") }
            var parsed: [(String, [AuthzRule])] = []
            for entry in list {
                guard let who = entry[key]?.stringValue, let rules = parseRules(entry["rules"]?.arrayValue ?? []) else {
                    return error(400, "BAD_REQUEST", "each entry needs \(key) and rules")
                }
                if table[who] != nil { return error(409, "ALREADY_EXISTS", "\(who) already has rules") }
                parsed.append((who, rules))
            }
            for (who, rules) in parsed { table[who] = rules }
            return .noContent
        case ("GET", 6):
            guard let rules = table[s[5]] else { return error(404, "NOT_FOUND", "Not Found") }
            return .json([key: .string(s[5]), "rules": .array(rules.map(v5Rule))])
        case ("PUT", 6):
            guard let rules = parseRules(body?["rules"]?.arrayValue ?? []) else {
                return error(400, "BAD_REQUEST", "rules must be a list of {topic, permission, action}")
            }
            table[s[5]] = rules
            return .noContent
        case ("DELETE", 6):
            guard table.removeValue(forKey: s[5]) != nil else { return error(404, "NOT_FOUND", "Not Found") }
            return .noContent
        default: return notFound()
        }
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

    func v5Banned(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        switch (r.method, s.count) {
        case ("GET", 1):
            var rows = bans
            for kind in ["clientid", "username", "peerhost"] {
                if let v = r.queryValue(kind) { rows = rows.filter { $0.kind == kind && $0.who == v } }
                if let v = r.queryValue("like_\(kind)") { rows = rows.filter { $0.kind == kind && $0.who.contains(v) } }
            }
            return listPage(rows.map { Render.ban($0, v4: false) }, r)
        case ("POST", 1):
            guard let who = body?["who"]?.stringValue, let kind = body?["as"]?.stringValue else {
                return error(400, "BAD_REQUEST", "who and as are required")
            }
            guard ["clientid", "username", "peerhost", "clientid_re", "username_re", "peerhost_net"].contains(kind)
            else {
                return error(
                    400, "BAD_REQUEST",
                    "as must be clientid, username, peerhost, clientid_re, username_re or peerhost_net")
            }
            guard !bans.contains(where: { $0.kind == kind && $0.who == who }) else {
                return error(400, "ALREADY_EXISTS", "\(kind) \(who) is already banned")
            }
            let until: Date?
            switch body?["until"] {
            case .int(let seconds)?: until = Date(timeIntervalSince1970: Double(seconds))
            case .string(let text)? where text != "infinity": until = ClientFilter.parseTime(text, v4: false)
            default: until = nil
            }
            let ban = BanRecord(
                kind: kind, who: who, reason: body?["reason"]?.stringValue ?? "",
                by: body?["by"]?.stringValue ?? "mgmt_api",
                at: Date(), until: until)
            bans.append(ban)
            // EMQX 5.8.1 wraps the new ban in {data: [ban]}, as its OpenAPI document says.
            return .json(["data": [Render.ban(ban, v4: false)]])
        case ("DELETE", 1):
            bans = []
            return .noContent
        case ("DELETE", 3):
            guard bans.contains(where: { $0.kind == s[1] && $0.who == s[2] }) else {
                return error(404, "NOT_FOUND", "Not Found")
            }
            bans.removeAll { $0.kind == s[1] && $0.who == s[2] }
            return .noContent
        default: return notFound()
        }
    }

    func v5Rules(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        switch (r.method, s.count) {
        case ("GET", 1):
            var list = Array(rules.values)
            if let v = r.queryValue("like_id") { list = list.filter { $0.id.contains(v) } }
            if let v = r.queryValue("enable").flatMap(Bool.init) { list = list.filter { $0.enabled == v } }
            return listPage(list.map(v5RuleJSON), r)
        case ("POST", 1):
            guard let sql = body?["sql"]?.stringValue, !sql.isEmpty else {
                return error(400, "BAD_REQUEST", "sql is required")
            }
            guard sql.uppercased().hasPrefix("SELECT") else {
                return error(400, "BAD_REQUEST", "syntax error in SQL: expected SELECT")
            }
            let id = body?["id"]?.stringValue ?? "rule_" + SandboxAuthenticator.randomHex(4)
            guard rules[id] == nil else { return error(400, "BAD_REQUEST", "rule \(id) already exists") }
            rules[id] = RuleRecord(
                id: id, name: body?["name"]?.stringValue ?? "", sql: sql, actions: body?["actions"] ?? [],
                enabled: body?["enable"]?.boolValue ?? true, description: body?["description"]?.stringValue ?? "",
                createdAt: Date())
            return .json(v5RuleJSON(rules[id]!), status: 201)
        case ("GET", 2):
            guard let rule = rules[s[1]] else { return error(404, "NOT_FOUND", "Rule Id Not Found") }
            return .json(v5RuleJSON(rule))
        case ("PUT", 2):
            guard rules[s[1]] != nil else { return error(404, "NOT_FOUND", "Rule Id Not Found") }
            if let sql = body?["sql"]?.stringValue { rules[s[1]]?.sql = sql }
            if let enabled = body?["enable"]?.boolValue { rules[s[1]]?.enabled = enabled }
            if let description = body?["description"]?.stringValue { rules[s[1]]?.description = description }
            if let actions = body?["actions"] { rules[s[1]]?.actions = actions }
            return .json(v5RuleJSON(rules[s[1]]!))
        case ("DELETE", 2):
            guard rules.removeValue(forKey: s[1]) != nil else { return error(404, "NOT_FOUND", "Rule Id Not Found") }
            return .noContent
        default: return notFound()
        }
    }

    private func v5RuleJSON(_ rule: RuleRecord) -> JSONValue {
        [
            "id": .string(rule.id), "name": .string(rule.name), "sql": .string(rule.sql), "actions": rule.actions,
            "enable": .bool(rule.enabled), "description": .string(rule.description),
            "from": .array(ruleTopics(rule.sql).map { .string($0) }),
            "created_at": .string(Timestamps.rfc3339(rule.createdAt)),
            "metadata": [:],
        ]
    }
}
