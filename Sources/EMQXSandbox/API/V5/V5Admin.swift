import EMQXJSON
import Foundation

/// v5 bans and rules.
extension SandboxState {
    static let v5BanKinds = ["clientid", "username", "peerhost", "clientid_re", "username_re", "peerhost_net"]

    func v5ListBans(_ call: APICall) -> SandboxResponse {
        var rows = bans
        for kind in ["clientid", "username", "peerhost"] {
            if let v = call.queryValue(kind) { rows = rows.filter { $0.kind == kind && $0.who == v } }
            if let v = call.queryValue("like_\(kind)") { rows = rows.filter { $0.kind == kind && $0.who.contains(v) } }
        }
        return listPage(rows.map { Render.ban($0, .v5) }, call)
    }

    func v5Ban(_ call: APICall) -> SandboxResponse {
        let body = call.body
        guard let who = body?["who"]?.stringValue, let kind = body?["as"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "who and as are required")
        }
        guard Self.v5BanKinds.contains(kind) else {
            return v5.v5Error(
                400, "BAD_REQUEST", "as must be clientid, username, peerhost, clientid_re, username_re or peerhost_net")
        }
        guard !bans.contains(where: { $0.kind == kind && $0.who == who }) else {
            return v5.v5Error(400, "ALREADY_EXISTS", "\(kind) \(who) is already banned")
        }
        let until: Date?
        switch body?["until"] {
        case .int(let seconds)?: until = Date(timeIntervalSince1970: Double(seconds))
        case .string(let text)? where text != "infinity": until = ClientFilter.parseTime(text, .v5)
        default: until = nil
        }
        let ban = BanRecord(
            kind: kind, who: who, reason: body?["reason"]?.stringValue ?? "",
            by: body?["by"]?.stringValue ?? "mgmt_api", at: Date(), until: until)
        bans.append(ban)
        // EMQX 5.8.1 wraps the new ban in {data: [ban]}, as its OpenAPI document says.
        return .json(["data": [Render.ban(ban, .v5)]])
    }

    func v5DeleteAllBans() -> SandboxResponse {
        bans = []
        return .noContent
    }

    func v5Unban(_ kind: String, _ who: String) -> SandboxResponse {
        guard bans.contains(where: { $0.kind == kind && $0.who == who }) else {
            return v5.v5Error(404, "NOT_FOUND", "Not Found")
        }
        bans.removeAll { $0.kind == kind && $0.who == who }
        return .noContent
    }

    private var ruleNotFound: SandboxResponse { v5.v5Error(404, "NOT_FOUND", "Rule Id Not Found") }

    func v5ListRules(_ call: APICall) -> SandboxResponse {
        var list = Array(rules.values)
        if let v = call.queryValue("like_id") { list = list.filter { $0.id.contains(v) } }
        if let v = call.queryValue("enable").flatMap(Bool.init) { list = list.filter { $0.enabled == v } }
        return listPage(list.map(v5RuleJSON), call)
    }

    func v5CreateRule(_ call: APICall) -> SandboxResponse {
        let body = call.body
        guard let sql = body?["sql"]?.stringValue, !sql.isEmpty else {
            return v5.v5Error(400, "BAD_REQUEST", "sql is required")
        }
        guard sql.uppercased().hasPrefix("SELECT") else {
            return v5.v5Error(400, "BAD_REQUEST", "syntax error in SQL: expected SELECT")
        }
        let id = body?["id"]?.stringValue ?? "rule_" + SandboxAuthenticator.randomHex(4)
        guard rules[id] == nil else { return v5.v5Error(400, "BAD_REQUEST", "rule \(id) already exists") }
        let rule = RuleRecord(
            id: id, name: body?["name"]?.stringValue ?? "", sql: sql, actions: body?["actions"] ?? [],
            enabled: body?["enable"]?.boolValue ?? true, description: body?["description"]?.stringValue ?? "",
            createdAt: Date())
        rules[id] = rule
        return .json(v5RuleJSON(rule), status: 201)
    }

    func v5Rule(_ id: String) -> SandboxResponse {
        guard let rule = rules[id] else { return ruleNotFound }
        return .json(v5RuleJSON(rule))
    }

    func v5UpdateRule(_ id: String, _ call: APICall) -> SandboxResponse {
        guard var rule = rules[id] else { return ruleNotFound }
        let body = call.body
        if let sql = body?["sql"]?.stringValue { rule.sql = sql }
        if let enabled = body?["enable"]?.boolValue { rule.enabled = enabled }
        if let description = body?["description"]?.stringValue { rule.description = description }
        if let actions = body?["actions"] { rule.actions = actions }
        rules[id] = rule
        return .json(v5RuleJSON(rule))
    }

    func v5DeleteRule(_ id: String) -> SandboxResponse {
        guard rules.removeValue(forKey: id) != nil else { return ruleNotFound }
        return .noContent
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
