import EMQXJSON
import Foundation

/// v4 bans and the rule engine's rules.
extension SandboxState {
    func v4ListBans(_ call: APICall) -> SandboxResponse {
        v4Page(bans.map { Render.ban($0, .v4) }, call)
    }

    func v4Ban(_ call: APICall) -> SandboxResponse {
        let body = call.body
        guard let who = body?["who"]?.stringValue, let kind = body?["as"]?.stringValue else {
            return v4.v4Failure(107, "missing who or as")
        }
        guard ["clientid", "username", "peerhost"].contains(kind) else { return v4.v4Failure(108, "bad_params: as") }
        let now = Date()
        let until =
            body?["until"]?.intValue.map { Date(timeIntervalSince1970: Double($0)) } ?? now.addingTimeInterval(300)
        let ban = BanRecord(
            kind: kind, who: who, reason: body?["reason"]?.stringValue ?? "", by: body?["by"]?.stringValue ?? "user",
            at: body?["at"]?.intValue.map { Date(timeIntervalSince1970: Double($0)) } ?? now, until: until)
        bans.removeAll { $0.kind == kind && $0.who == who }
        bans.append(ban)
        return v4.v4Success(["who": .string(who), "as": .string(kind)])
    }

    func v4Unban(_ kind: String, _ who: String) -> SandboxResponse {
        bans.removeAll { $0.kind == kind && $0.who == who }
        return v4.v4Success()
    }

    /// Every rule, or a page of them when `_page` or `enable_paging=true` asks for paging.
    func v4ListRules(_ call: APICall) -> SandboxResponse {
        let list = rules.values.map(v4RuleJSON)
        if call.queryValue("_page") != nil || call.queryValue("enable_paging") == "true" { return v4Page(list, call) }
        return v4.v4Success(.array(list))
    }

    func v4CreateRule(_ call: APICall) -> SandboxResponse {
        let body = call.body
        guard let sql = body?["rawsql"]?.stringValue, !sql.isEmpty else {
            return v4.v4Failure(107, "rawsql is required")
        }
        guard sql.uppercased().hasPrefix("SELECT") else {
            return v4.v4Failure(108, "bad_params: rawsql must be a SELECT statement")
        }
        let id = "rule:" + String(format: "%08x", nextRuleNumber)
        nextRuleNumber += 1
        let rule = RuleRecord(
            id: id, name: id, sql: sql, actions: body?["actions"] ?? [], enabled: body?["enabled"]?.boolValue ?? true,
            description: body?["description"]?.stringValue ?? "", createdAt: Date())
        rules[id] = rule
        return v4.v4Success(v4RuleJSON(rule))
    }

    func v4Rule(_ id: String) -> SandboxResponse {
        guard let rule = rules[id] else { return v4.v4Failure(102, "not_found") }
        return v4.v4Success(v4RuleJSON(rule))
    }

    func v4UpdateRule(_ id: String, _ call: APICall) -> SandboxResponse {
        guard var rule = rules[id] else { return v4.v4Failure(102, "not_found") }
        if let sql = call.body?["rawsql"]?.stringValue { rule.sql = sql }
        if let enabled = call.body?["enabled"]?.boolValue { rule.enabled = enabled }
        if let description = call.body?["description"]?.stringValue { rule.description = description }
        rules[id] = rule
        return v4.v4Success(v4RuleJSON(rule))
    }

    func v4DeleteRule(_ id: String) -> SandboxResponse {
        rules.removeValue(forKey: id)
        return v4.v4Success()
    }

    private func v4RuleJSON(_ rule: RuleRecord) -> JSONValue {
        let actions = (rule.actions.arrayValue ?? []).enumerated().map { index, action -> JSONValue in
            var object = action.objectValue ?? [:]
            let name = object["name"]?.stringValue ?? "action"
            object["id"] = .string("\(name)_\(rule.createdAt.unixSeconds)\(index)")
            object["metrics"] = [["success": 0, "node": .string(nodeName), "failed": 0]]
            return .object(object)
        }
        return [
            "rawsql": .string(rule.sql),
            "metrics": [["speed_max": 0, "speed_last5m": 0.0, "speed": 0.0, "node": .string(nodeName), "matched": 0]],
            "id": .string(rule.id), "for": .array(ruleTopics(rule.sql).map { .string($0) }),
            "enabled": .bool(rule.enabled), "description": .string(rule.description), "actions": .array(actions),
        ]
    }

    /// The topics after FROM in a rule's SQL, e.g. `SELECT * FROM "t/#"` → `["t/#"]`.
    func ruleTopics(_ sql: String) -> [String] {
        guard let range = sql.range(of: "FROM", options: .caseInsensitive) else { return [] }
        let rest = sql[range.upperBound...]
        let end = rest.range(of: "WHERE", options: .caseInsensitive)?.lowerBound ?? rest.endIndex
        let quotesAndSpace = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\"'"))
        return rest[..<end].split(separator: ",").map { $0.trimmingCharacters(in: quotesAndSpace) }
    }
}
