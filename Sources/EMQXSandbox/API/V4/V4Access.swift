import EMQXJSON
import Foundation
import OrderedCollections

/// v4 users (`/auth_username`, `/auth_clientid`) and ACL rules (`/acl`) of the built-in database.
extension SandboxState {
    /// The users table of a principal kind (v4 keeps two).
    private func users(_ principal: AuthzPrincipal) -> OrderedDictionary<String, UserRecord> {
        principal == .username ? usernameUsers : clientidUsers
    }

    private func setUser(_ principal: AuthzPrincipal, _ id: String, _ user: UserRecord?) {
        switch principal {
        case .username: usernameUsers[id] = user
        case .clientid: clientidUsers[id] = user
        }
    }

    func v4ListUsers(_ principal: AuthzPrincipal, _ call: APICall) -> SandboxResponse {
        let key = principal.key
        var ids = Array(users(principal).keys)
        if let v = call.queryValue(key) { ids = ids.filter { $0 == v } }
        if let v = call.queryValue("_like_\(key)") { ids = ids.filter { $0.contains(v) } }
        return v4Page(ids.map { [key: .string($0)] }, call, countKnown: call.queryValue("_like_\(key)") == nil)
    }

    /// One user (`{"username": …, "password": …}`), or a list of them with a result per user.
    func v4AddUsers(_ principal: AuthzPrincipal, _ call: APICall) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        let key = principal.key
        if let list = body.arrayValue {
            var result = JSONObject()
            for item in list {
                guard let id = item[key]?.stringValue, let password = item["password"]?.stringValue else { continue }
                if users(principal)[id] != nil {
                    result[id] = "{error,existed}"
                    continue
                }
                setUser(principal, id, UserRecord(password: password, isSuperuser: false, createdAt: Date()))
                result[id] = "ok"
            }
            return v4.v4Success(.object(result))
        }
        guard let id = body[key]?.stringValue, let password = body["password"]?.stringValue else {
            return .json(["message": .string("\(key) and password are required")])
        }
        if users(principal)[id] != nil { return .json(["message": "{error,existed}"]) }
        setUser(principal, id, UserRecord(password: password, isSuperuser: false, createdAt: Date()))
        return v4.v4Success()
    }

    func v4User(_ principal: AuthzPrincipal, _ id: String) -> SandboxResponse {
        guard let user = users(principal)[id] else { return v4.v4Success([:]) }
        return v4.v4Success([principal.key: .string(id), "created_at": .int(user.createdAt.unixSeconds)])
    }

    func v4ChangePassword(_ principal: AuthzPrincipal, _ id: String, _ call: APICall) -> SandboxResponse {
        guard let password = call.body?["password"]?.stringValue else {
            return v4.v4Failure(107, "password is required")
        }
        guard var user = users(principal)[id] else { return v4.v4Failure(105, "user does not exist") }
        user.password = password
        setUser(principal, id, user)
        return v4.v4Success()
    }

    func v4DeleteUser(_ principal: AuthzPrincipal, _ id: String) -> SandboxResponse {
        setUser(principal, id, nil)
        return v4.v4Success()
    }

    /// One rule, or a list of them with a result per rule.
    func v4AddACL(_ call: APICall) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        if let list = body.arrayValue { return v4.v4Success(.array(list.map(v4AddRule))) }
        let result = v4AddRule(body)
        if result["result"]?.stringValue != "ok" { return .json(["message": result["result"] ?? "bad rule"]) }
        return v4.v4Success(result)
    }

    /// Rules of every user name or client id (nil: rules for everyone), filtered as 4.4 filters them.
    func v4ListACL(_ principal: AuthzPrincipal?, _ call: APICall) -> SandboxResponse {
        var rows: [JSONValue] = []
        if let principal {
            let like = call.queryValue("_like_\(principal.key)")
            for (who, list) in authzRules(principal) where like.map(who.contains) ?? true {
                rows += list.map { v4Rule(principal.key, who, $0) }
            }
        } else {
            rows = allRules.map { v4Rule("all", "$all", $0) }
        }
        for field in ["topic", "action", "access"] {
            if let v = call.queryValue(field) { rows = rows.filter { $0[field]?.stringValue == v } }
        }
        return v4Page(rows, call)
    }

    func v4ACL(_ principal: AuthzPrincipal, _ who: String) -> SandboxResponse {
        v4.v4Success(.array((authzRules(principal)[who] ?? []).map { v4Rule(principal.key, who, $0) }))
    }

    func v4DeleteACL(_ principal: AuthzPrincipal?, _ who: String, _ topic: String) -> SandboxResponse {
        guard let principal else {
            allRules.removeAll { $0.topic == topic }
            return v4.v4Success()
        }
        var rules = authzRules(principal)[who] ?? []
        rules.removeAll { $0.topic == topic }
        setAuthzRules(principal, who, rules.isEmpty ? nil : rules)
        return v4.v4Success()
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
}
