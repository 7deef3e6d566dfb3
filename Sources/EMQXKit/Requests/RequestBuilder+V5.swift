import EMQXJSON

extension RequestBuilder {
    static func v5(_ operation: APIOperation) throws(EMQXError) -> APIRequest {
        switch operation {
        case .getClient, .kickClient, .listBanned, .deleteBan, .metrics, .stats, .nodes, .getNode, .listRules, .getRule,
            .deleteRule:
            guard let shared = sharedRequest(operation) else { throw unsupported(operation, .v5) }
            return shared
        case .listClients(let q):
            var query: [QueryItem] = []
            if let v = q.node { query.append(QueryItem("node", v)) }
            for id in q.clientIDs { query.append(QueryItem("clientid", id)) }
            if let v = q.username { query.append(QueryItem("username", v)) }
            if let v = q.ipAddress { query.append(QueryItem("ip_address", v)) }
            if let v = q.state { query.append(QueryItem("conn_state", v.rawValue)) }
            if let v = q.cleanStart { query.append(QueryItem("clean_start", String(v))) }
            if let v = q.protocolVersion { query.append(QueryItem("proto_ver", String(v))) }
            if let v = q.clientIDContains { query.append(QueryItem("like_clientid", v)) }
            if let v = q.usernameContains { query.append(QueryItem("like_username", v)) }
            // v5 takes epoch milliseconds (or RFC 3339) where v4 takes seconds.
            if let v = q.createdAfter { query.append(QueryItem("gte_created_at", String(v * 1000))) }
            if let v = q.createdBefore { query.append(QueryItem("lte_created_at", String(v * 1000))) }
            if let v = q.connectedAfter { query.append(QueryItem("gte_connected_at", String(v * 1000))) }
            if let v = q.connectedBefore { query.append(QueryItem("lte_connected_at", String(v * 1000))) }
            return APIRequest(.get, "/clients", query: query)
        case .kickClients(let ids):
            return APIRequest(.post, "/clients/kickout/bulk", body: .array(ids.map { .string($0) }))
        case .clientSubscriptions(let id): return APIRequest(.get, "/clients/{clientid}/subscriptions", [id])
        case .subscribe(let id, let s):
            return APIRequest(.post, "/clients/{clientid}/subscribe", [id], body: v5Subscribe(s))
        case .subscribeBulk(let id, let list):
            return APIRequest(.post, "/clients/{clientid}/subscribe/bulk", [id], body: .array(list.map(v5Subscribe)))
        case .unsubscribe(let id, let topic):
            return APIRequest(.post, "/clients/{clientid}/unsubscribe", [id], body: ["topic": .string(topic)])
        case .unsubscribeBulk(let id, let topics):
            return APIRequest(
                .post, "/clients/{clientid}/unsubscribe/bulk", [id],
                body: .array(topics.map { ["topic": .string($0)] }))
        case .listSubscriptions(let q):
            var query: [QueryItem] = []
            if let v = q.node { query.append(QueryItem("node", v)) }
            if let v = q.clientID { query.append(QueryItem("clientid", v)) }
            if let v = q.topic { query.append(QueryItem("topic", v)) }
            if let v = q.matchTopic { query.append(QueryItem("match_topic", v)) }
            if let v = q.qos { query.append(QueryItem("qos", String(v))) }
            if let v = q.shareGroup { query.append(QueryItem("share_group", v)) }
            return APIRequest(.get, "/subscriptions", query: query)
        case .listTopics(let topic):
            var query: [QueryItem] = []
            if let topic { query.append(QueryItem("topic", topic)) }
            return APIRequest(.get, "/topics", query: query)
        case .getTopic(let topic): return APIRequest(.get, "/topics/{topic}", [topic])
        case .publish(let message): return APIRequest(.post, "/publish", body: v5Publish(message))
        case .publishBulk(let messages):
            return APIRequest(.post, "/publish/bulk", body: .array(messages.map(v5Publish)))
        case .listUsers(_, let contains):
            var query: [QueryItem] = []
            if let contains { query.append(QueryItem("like_user_id", contains)) }
            return APIRequest(.get, "/authentication/{id}/users", [builtInAuthenticator], query: query)
        case .getUser(_, let id):
            return APIRequest(.get, "/authentication/{id}/users/{user_id}", [builtInAuthenticator, id])
        case .addUser(_, let id, let password, let superuser):
            return APIRequest(
                .post, "/authentication/{id}/users", [builtInAuthenticator],
                body: ["user_id": .string(id), "password": .string(password), "is_superuser": .bool(superuser)])
        case .updateUser(_, let id, let password, let superuser):
            var body: JSONObject = ["password": .string(password)]
            if let superuser { body["is_superuser"] = .bool(superuser) }
            return APIRequest(
                .put, "/authentication/{id}/users/{user_id}", [builtInAuthenticator, id], body: .object(body))
        case .deleteUser(_, let id):
            return APIRequest(.delete, "/authentication/{id}/users/{user_id}", [builtInAuthenticator, id])
        case .listACL(let scope, let contains):
            var query: [QueryItem] = []
            switch scope {
            case .username:
                if let contains { query.append(QueryItem("like_username", contains)) }
                return APIRequest(.get, authzRules + "/users", query: query)
            case .clientid:
                if let contains { query.append(QueryItem("like_clientid", contains)) }
                return APIRequest(.get, authzRules + "/clients", query: query)
            case .all:
                return APIRequest(.get, authzRules + "/all")
            }
        case .getACL(let principal): return v5ACLTarget(.get, principal)
        case .addACLRecord, .deleteACLRecord:
            throw unsupported(operation, .v5, hint: "; v5 keeps a rule list per principal")
        case .createACLList(let principal, let rules):
            let items = JSONValue.array(rules.map(\.v5Item))
            switch principal {
            case .username(let name):
                return APIRequest(.post, authzRules + "/users", body: [["username": .string(name), "rules": items]])
            case .clientid(let id):
                return APIRequest(.post, authzRules + "/clients", body: [["clientid": .string(id), "rules": items]])
            case .all:
                return APIRequest(.post, authzRules + "/all", body: ["rules": items])
            }
        case .replaceACLList(let principal, let rules):
            let items = JSONValue.array(rules.map(\.v5Item))
            switch principal {
            case .username(let name):
                return APIRequest(
                    .put, authzRules + "/users/{username}", [name], body: ["username": .string(name), "rules": items])
            case .clientid(let id):
                return APIRequest(
                    .put, authzRules + "/clients/{clientid}", [id], body: ["clientid": .string(id), "rules": items])
            case .all:
                return APIRequest(.post, authzRules + "/all", body: ["rules": items])
            }
        case .deleteACLList(let principal): return v5ACLTarget(.delete, principal)
        case .addBan(let ban):
            var body: JSONObject = ["as": .string(ban.kind.rawValue), "who": .string(ban.who)]
            if let reason = ban.reason { body["reason"] = .string(reason) }
            if let by = ban.by { body["by"] = .string(by) }
            if let until = ban.until { body["until"] = .int(until) }
            return APIRequest(.post, "/banned", body: .object(body))
        case .alarms(let active): return APIRequest(.get, "/alarms", query: [QueryItem("activated", String(active))])
        case .createRule(let draft):
            var body: JSONObject = [
                "sql": .string(draft.sql), "actions": .array(draft.actions), "enable": .bool(draft.enabled),
            ]
            if let name = draft.name { body["name"] = .string(name) }
            if let description = draft.description { body["description"] = .string(description) }
            return APIRequest(.post, "/rules", body: .object(body))
        }
    }

    private static func v5ACLTarget(_ method: HTTPMethod, _ principal: ACLPrincipal) -> APIRequest {
        switch principal {
        case .username(let name): return APIRequest(method, authzRules + "/users/{username}", [name])
        case .clientid(let id): return APIRequest(method, authzRules + "/clients/{clientid}", [id])
        case .all: return APIRequest(method, authzRules + "/all")
        }
    }
}
