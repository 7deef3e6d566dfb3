import EMQXJSON
import Foundation

/// v4 publish, subscribe, users, ACL, banned and rules.
extension SandboxState {
    func v4MQTT(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        guard r.segments.count == 2, let body else { return fail(107, "missing request body") }
        switch r.segments[1] {
        case "publish":
            let result = v4PublishOne(body)
            return result.code == 0 ? ok() : fail(result.code, result.message)
        case "publish_batch":
            guard let list = body.arrayValue else { return fail(108, "bad_params: expected an array") }
            return ok(
                .array(
                    list.map { item in
                        let result = v4PublishOne(item)
                        return ["topic": item["topic"] ?? .null, "code": .int(Int64(result.code))]
                    }))
        case "subscribe", "unsubscribe":
            let result = v4Subscribe(body, subscribe: r.segments[1] == "subscribe")
            return result.code == 0 ? ok() : fail(result.code, result.message)
        case "subscribe_batch", "unsubscribe_batch":
            guard let list = body.arrayValue else { return fail(108, "bad_params: expected an array") }
            let subscribe = r.segments[1] == "subscribe_batch"
            // As 4.4 documents it: one answer for the batch; the first failing item's code, if any.
            let failure = list.map { v4Subscribe($0, subscribe: subscribe) }.first { $0.code != 0 }
            return failure.map { fail($0.code, $0.message) } ?? ok()
        default:
            return .json(["message": "not found"], status: 404)
        }
    }

    private func v4Topics(_ body: JSONValue) -> [String] {
        if let topics = body["topics"]?.stringValue { return topics.split(separator: ",").map(String.init) }
        return body["topic"]?.stringValue.map { [$0] } ?? []
    }

    private func v4PublishOne(_ body: JSONValue) -> (code: Int, message: String) {
        guard body["clientid"]?.stringValue != nil else { return (108, "bad_params: clientid is required") }
        guard let payloadText = body["payload"]?.stringValue else { return (108, "bad_params: payload is required") }
        let topics = v4Topics(body)
        guard !topics.isEmpty else { return (108, "bad_params: topic is required") }
        guard topics.allSatisfy(TopicMatcher.isValidName) else { return (115, "bad_topic") }
        let qos = body["qos"]?.intValue ?? 0
        guard (0...2).contains(qos) else { return (108, "bad_params: qos must be 0, 1 or 2") }
        let payload: [UInt8]
        switch body["encoding"]?.stringValue ?? "plain" {
        case "plain": payload = Array(payloadText.utf8)
        case "base64":
            guard let data = Data(base64Encoded: payloadText) else { return (108, "bad_params: payload is not base64") }
            payload = Array(data)
        default: return (108, "bad_params: encoding must be plain or base64")
        }
        for topic in topics {
            _ = route(topic: topic, payload: payload, qos: Int(qos), retain: body["retain"]?.boolValue ?? false)
        }
        return (0, "")
    }

    private func v4Subscribe(_ body: JSONValue, subscribe: Bool) -> (code: Int, message: String) {
        guard let id = body["clientid"]?.stringValue else { return (108, "bad_params: clientid is required") }
        let topics = v4Topics(body)
        guard !topics.isEmpty else { return (108, "bad_params: topic is required") }
        guard topics.allSatisfy(TopicMatcher.isValidFilter) else { return (115, "bad_topic") }
        let qos = body["qos"]?.intValue ?? 0
        guard (0...2).contains(qos) else { return (116, "bad_qos") }
        guard clients[id] != nil else { return (112, "not_found") }
        for topic in topics {
            if subscribe {
                let subscription = SandboxSubscription(topic: topic, qos: Int(qos))
                sendRetained(to: id, for: subscription, isNew: addSubscription(subscription, for: id))
            } else {
                clients[id]?.subscriptions.removeAll { $0.topic == topic }
            }
        }
        return (0, "")
    }

    func v4Users(_ r: SandboxRequest, _ body: JSONValue?, byClientID: Bool) -> SandboxResponse {
        let key = byClientID ? "clientid" : "username"
        var table = byClientID ? clientidUsers : usernameUsers
        defer { if byClientID { clientidUsers = table } else { usernameUsers = table } }
        let s = r.segments
        switch (r.method, s.count) {
        case ("GET", 1):
            guard case .success(let pager) = Pager.read(r, v4: true) else { return fail(108, "bad paging parameters") }
            var ids = Array(table.keys)
            if let v = r.queryValue(key) { ids = ids.filter { $0 == v } }
            if let v = r.queryValue("_like_\(key)") { ids = ids.filter { $0.contains(v) } }
            let rows = pager.slice(ids).map { JSONValue.object([key: .string($0)]) }
            return ok(
                .array(rows),
                meta: pager.meta(total: ids.count, countKnown: r.queryValue("_like_\(key)") == nil, v4: true))
        case ("POST", 1):
            guard let body else { return fail(107, "missing request body") }
            if let list = body.arrayValue {
                var result = JSONObject()
                for item in list {
                    guard let id = item[key]?.stringValue, let password = item["password"]?.stringValue else {
                        continue
                    }
                    if table[id] != nil {
                        result[id] = "{error,existed}"
                        continue
                    }
                    table[id] = UserRecord(password: password, isSuperuser: false, createdAt: Date())
                    result[id] = "ok"
                }
                return ok(.object(result))
            }
            guard let id = body[key]?.stringValue, let password = body["password"]?.stringValue else {
                return .json(["message": .string("\(key) and password are required")])
            }
            if table[id] != nil { return .json(["message": "{error,existed}"]) }
            table[id] = UserRecord(password: password, isSuperuser: false, createdAt: Date())
            return ok()
        case ("GET", 2):
            guard let user = table[s[1]] else { return ok([:]) }
            return ok([key: .string(s[1]), "created_at": .int(user.createdAt.unixSeconds)])
        case ("PUT", 2):
            guard let password = body?["password"]?.stringValue else { return fail(107, "password is required") }
            guard table[s[1]] != nil else { return fail(105, "user does not exist") }
            table[s[1]]?.password = password
            return ok()
        case ("DELETE", 2):
            table.removeValue(forKey: s[1])
            return ok()
        default:
            return .json(["message": "not found"], status: 404)
        }
    }

    func v4ACL(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        if r.method == "POST", s.count == 1 {
            guard let body else { return fail(107, "missing request body") }
            if let list = body.arrayValue { return ok(.array(list.map(v4AddRule))) }
            let result = v4AddRule(body)
            if result["result"]?.stringValue != "ok" { return .json(["message": result["result"] ?? "bad rule"]) }
            return ok(result)
        }
        guard s.count >= 2 else { return .json(["message": "not found"], status: 404) }
        let scope = s[1]
        if r.method == "GET", s.count == 2 {
            guard case .success(let pager) = Pager.read(r, v4: true) else { return fail(108, "bad paging parameters") }
            var rows: [JSONValue] = []
            switch scope {
            case "username", "clientid":
                let table = scope == "username" ? usernameRules : clientidRules
                let like = r.queryValue("_like_\(scope)")
                for (who, list) in table where like.map(who.contains) ?? true {
                    rows += list.map { v4Rule(scope, who, $0) }
                }
            case "$all": rows = allRules.map { v4Rule("all", "$all", $0) }
            default: return .json(["message": "not found"], status: 404)
            }
            if let v = r.queryValue("topic") { rows = rows.filter { $0["topic"]?.stringValue == v } }
            if let v = r.queryValue("action") { rows = rows.filter { $0["action"]?.stringValue == v } }
            if let v = r.queryValue("access") { rows = rows.filter { $0["access"]?.stringValue == v } }
            return ok(.array(Array(pager.slice(rows))), meta: pager.meta(total: rows.count, countKnown: true, v4: true))
        }
        if r.method == "GET", s.count == 3 {
            let list = (scope == "username" ? usernameRules : clientidRules)[s[2]] ?? []
            return ok(.array(list.map { v4Rule(scope, s[2], $0) }))
        }
        if r.method == "DELETE" {
            if scope == "$all", s.count == 4, s[2] == "topic" {
                allRules.removeAll { $0.topic == s[3] }
                return ok()
            }
            if s.count == 5, s[3] == "topic" {
                if scope == "username" { usernameRules[s[2]]?.removeAll { $0.topic == s[4] } }
                if scope == "clientid" { clientidRules[s[2]]?.removeAll { $0.topic == s[4] } }
                if usernameRules[s[2]]?.isEmpty == true { usernameRules.removeValue(forKey: s[2]) }
                if clientidRules[s[2]]?.isEmpty == true { clientidRules.removeValue(forKey: s[2]) }
                return ok()
            }
        }
        return .json(["message": "not found"], status: 404)
    }

    private func v4Rule(_ scope: String, _ who: String, _ rule: AuthzRule) -> JSONValue {
        let action = ["publish": "pub", "subscribe": "sub", "all": "pubsub"][rule.action] ?? rule.action
        return [
            scope: .string(who), "topic": .string(rule.topic), "action": .string(action),
            "access": .string(rule.permission),
        ]
    }

    private func v4AddRule(_ body: JSONValue) -> JSONValue {
        guard let topic = body["topic"]?.stringValue,
            let action = ["pub": "publish", "sub": "subscribe", "pubsub": "all"][body["action"]?.stringValue ?? ""],
            let access = body["access"]?.stringValue, access == "allow" || access == "deny"
        else { return ["result": "{error,bad_rule}"] }
        let rule = AuthzRule(topic: topic, action: action, permission: access)
        var echo: JSONObject
        if let name = body["username"]?.stringValue {
            usernameRules[name, default: []].removeAll { $0.topic == topic }
            usernameRules[name, default: []].append(rule)
            echo = ["username": .string(name)]
        } else if let id = body["clientid"]?.stringValue {
            clientidRules[id, default: []].removeAll { $0.topic == topic }
            clientidRules[id, default: []].append(rule)
            echo = ["clientid": .string(id)]
        } else {
            allRules.removeAll { $0.topic == topic }
            allRules.append(rule)
            echo = ["all": "$all"]
        }
        echo["topic"] = .string(topic)
        echo["action"] = body["action"]
        echo["access"] = .string(access)
        echo["result"] = "ok"
        return .object(echo)
    }

    func v4Banned(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        switch (r.method, s.count) {
        case ("GET", 1):
            guard case .success(let pager) = Pager.read(r, v4: true) else { return fail(108, "bad paging parameters") }
            return ok(
                .array(pager.slice(bans).map { Render.ban($0, v4: true) }),
                meta: pager.meta(total: bans.count, countKnown: true, v4: true))
        case ("POST", 1):
            guard let who = body?["who"]?.stringValue, let kind = body?["as"]?.stringValue else {
                return fail(107, "missing who or as")
            }
            guard ["clientid", "username", "peerhost"].contains(kind) else { return fail(108, "bad_params: as") }
            let now = Date()
            let until =
                body?["until"]?.intValue.map { Date(timeIntervalSince1970: Double($0)) } ?? now.addingTimeInterval(300)
            let ban = BanRecord(
                kind: kind, who: who, reason: body?["reason"]?.stringValue ?? "",
                by: body?["by"]?.stringValue ?? "user",
                at: body?["at"]?.intValue.map { Date(timeIntervalSince1970: Double($0)) } ?? now, until: until)
            bans.removeAll { $0.kind == kind && $0.who == who }
            bans.append(ban)
            return ok(["who": .string(who), "as": .string(kind)])
        case ("DELETE", 3):
            bans.removeAll { $0.kind == s[1] && $0.who == s[2] }
            return ok()
        default:
            return .json(["message": "not found"], status: 404)
        }
    }

    func v4Rules(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        switch (r.method, s.count) {
        case ("GET", 1):
            let list = rules.values.map(v4RuleJSON)
            if r.queryValue("_page") != nil || r.queryValue("enable_paging") == "true" {
                guard case .success(let pager) = Pager.read(r, v4: true) else {
                    return fail(108, "bad paging parameters")
                }
                return ok(
                    .array(Array(pager.slice(list))), meta: pager.meta(total: list.count, countKnown: true, v4: true))
            }
            return ok(.array(list))
        case ("POST", 1):
            guard let sql = body?["rawsql"]?.stringValue, !sql.isEmpty else { return fail(107, "rawsql is required") }
            guard sql.uppercased().hasPrefix("SELECT") else {
                return fail(108, "bad_params: rawsql must be a SELECT statement")
            }
            let id = "rule:" + String(format: "%08x", nextRuleNumber)
            nextRuleNumber += 1
            rules[id] = RuleRecord(
                id: id, name: id, sql: sql, actions: body?["actions"] ?? [],
                enabled: body?["enabled"]?.boolValue ?? true,
                description: body?["description"]?.stringValue ?? "", createdAt: Date())
            return ok(v4RuleJSON(rules[id]!))
        case ("GET", 2):
            guard let rule = rules[s[1]] else { return fail(102, "not_found") }
            return ok(v4RuleJSON(rule))
        case ("PUT", 2):
            guard rules[s[1]] != nil else { return fail(102, "not_found") }
            if let sql = body?["rawsql"]?.stringValue { rules[s[1]]?.sql = sql }
            if let enabled = body?["enabled"]?.boolValue { rules[s[1]]?.enabled = enabled }
            if let description = body?["description"]?.stringValue { rules[s[1]]?.description = description }
            return ok(v4RuleJSON(rules[s[1]]!))
        case ("DELETE", 2):
            rules.removeValue(forKey: s[1])
            return ok()
        default:
            return .json(["message": "not found"], status: 404)
        }
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
            "enabled": .bool(rule.enabled),
            "description": .string(rule.description), "actions": .array(actions),
        ]
    }

    /// The topics after FROM in a rule's SQL, e.g. `SELECT * FROM "t/#"` → `["t/#"]`.
    func ruleTopics(_ sql: String) -> [String] {
        guard let range = sql.range(of: "FROM", options: .caseInsensitive) else { return [] }
        let rest = sql[range.upperBound...]
        let end = rest.range(of: "WHERE", options: .caseInsensitive)?.lowerBound ?? rest.endIndex
        return rest[..<end].split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charsetString: "\"'")))
        }
    }
}

extension CharacterSet {
    init(charsetString: String) { self.init(charactersIn: charsetString) }
}
