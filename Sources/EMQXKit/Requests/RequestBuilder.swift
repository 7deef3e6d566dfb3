import EMQXJSON

/// Turns an operation into the request a generation expects (CATALOG.md §1.4, §2.4 and §3).
public enum RequestBuilder {
    /// The v5 id of the built-in database authenticator; percent-encoded in paths as
    /// `password_based%3Abuilt_in_database`.
    public static let builtInAuthenticator = "password_based:built_in_database"
    static let authzRules = "/authorization/sources/built_in_database/rules"

    /// The request for `operation` on `generation`, or an `.unsupported` error naming the generation.
    public static func request(for operation: APIOperation, generation: APIGeneration) throws(EMQXError) -> APIRequest {
        switch generation {
        case .v4: return try v4(operation)
        case .v5: return try v5(operation)
        }
    }

    /// Requests that are the same on both generations: only their envelopes differ.
    static func sharedRequest(_ operation: APIOperation) -> APIRequest? {
        switch operation {
        case .getClient(let id): return APIRequest(.get, "/clients/{clientid}", [id])
        case .kickClient(let id): return APIRequest(.delete, "/clients/{clientid}", [id])
        case .listBanned: return APIRequest(.get, "/banned")
        case .deleteBan(let kind, let who): return APIRequest(.delete, "/banned/{as}/{who}", [kind.rawValue, who])
        case .metrics: return APIRequest(.get, "/metrics")
        case .stats: return APIRequest(.get, "/stats")
        case .nodes: return APIRequest(.get, "/nodes")
        case .getNode(let node): return APIRequest(.get, "/nodes/{node}", [node])
        case .listRules: return APIRequest(.get, "/rules")
        case .getRule(let id): return APIRequest(.get, "/rules/{id}", [id])
        case .deleteRule(let id): return APIRequest(.delete, "/rules/{id}", [id])
        default: return nil
        }
    }

    static func unsupported(_ operation: APIOperation, _ generation: APIGeneration, hint: String = "") -> EMQXError {
        EMQXError(.unsupported, "\(operation.kind.rawValue) is not available on API \(generation)\(hint)")
    }

    static func v4(_ operation: APIOperation) throws(EMQXError) -> APIRequest {
        switch operation {
        case .getClient, .kickClient, .listBanned, .deleteBan, .metrics, .stats, .nodes, .getNode, .listRules, .getRule,
            .deleteRule:
            guard let shared = sharedRequest(operation) else { throw unsupported(operation, .v4) }
            return shared
        case .listClients(let q):
            if q.clientIDs.count > 1 {
                throw EMQXError(.unsupported, "filtering by several client ids is not available on API v4")
            }
            var query: [QueryItem] = []
            if let id = q.clientIDs.first { query.append(QueryItem("clientid", id)) }
            if let v = q.username { query.append(QueryItem("username", v)) }
            if let v = q.ipAddress { query.append(QueryItem("ip_address", v)) }
            if let v = q.state { query.append(QueryItem("conn_state", v.rawValue)) }
            if let v = q.cleanStart { query.append(QueryItem("clean_start", String(v))) }
            if let v = q.protocolVersion { query.append(QueryItem("proto_ver", String(v))) }
            if let v = q.clientIDContains { query.append(QueryItem("_like_clientid", v)) }
            if let v = q.usernameContains { query.append(QueryItem("_like_username", v)) }
            if let v = q.createdAfter { query.append(QueryItem("_gte_created_at", String(v))) }
            if let v = q.createdBefore { query.append(QueryItem("_lte_created_at", String(v))) }
            if let v = q.connectedAfter { query.append(QueryItem("_gte_connected_at", String(v))) }
            if let v = q.connectedBefore { query.append(QueryItem("_lte_connected_at", String(v))) }
            if let node = q.node { return APIRequest(.get, "/nodes/{node}/clients", [node], query: query) }
            return APIRequest(.get, "/clients", query: query)
        case .kickClients: throw unsupported(operation, .v4, hint: "; kick the clients one by one")
        case .clientSubscriptions(let id): return APIRequest(.get, "/subscriptions/{clientid}", [id])
        case .subscribe(let id, let s):
            return APIRequest(
                .post, "/mqtt/subscribe",
                body: ["topic": .string(s.topic), "clientid": .string(id), "qos": .int(Int64(s.qos))])
        case .subscribeBulk(let id, let list):
            let body = list.map { s -> JSONValue in
                ["topic": .string(s.topic), "clientid": .string(id), "qos": .int(Int64(s.qos))]
            }
            return APIRequest(.post, "/mqtt/subscribe_batch", body: .array(body))
        case .unsubscribe(let id, let topic):
            return APIRequest(.post, "/mqtt/unsubscribe", body: ["topic": .string(topic), "clientid": .string(id)])
        case .unsubscribeBulk(let id, let topics):
            let body = topics.map { t -> JSONValue in ["topic": .string(t), "clientid": .string(id)] }
            return APIRequest(.post, "/mqtt/unsubscribe_batch", body: .array(body))
        case .listSubscriptions(let q):
            var query: [QueryItem] = []
            if let v = q.clientID { query.append(QueryItem("clientid", v)) }
            if let v = q.topic { query.append(QueryItem("topic", v)) }
            if let v = q.matchTopic { query.append(QueryItem("_match_topic", v)) }
            if let v = q.qos { query.append(QueryItem("qos", String(v))) }
            if let v = q.shareGroup { query.append(QueryItem("share", v)) }
            if let node = q.node { return APIRequest(.get, "/nodes/{node}/subscriptions", [node], query: query) }
            return APIRequest(.get, "/subscriptions", query: query)
        case .listTopics(let topic):
            if let topic { return APIRequest(.get, "/routes/{topic}", [topic]) }
            return APIRequest(.get, "/routes")
        case .getTopic(let topic): return APIRequest(.get, "/routes/{topic}", [topic])
        case .publish(let message): return APIRequest(.post, "/mqtt/publish", body: v4Publish(message))
        case .publishBulk(let messages):
            return APIRequest(.post, "/mqtt/publish_batch", body: .array(messages.map(v4Publish)))
        case .listUsers(let type, let contains):
            var query: [QueryItem] = []
            if let contains { query.append(QueryItem("_like_\(type.rawValue)", contains)) }
            return APIRequest(.get, "/auth_\(type.rawValue)", query: query)
        case .getUser(let type, let id): return APIRequest(.get, "/auth_\(type.rawValue)/{\(type.rawValue)}", [id])
        case .addUser(let type, let id, let password, _):
            return APIRequest(
                .post, "/auth_\(type.rawValue)", body: [type.rawValue: .string(id), "password": .string(password)])
        case .updateUser(let type, let id, let password, _):
            return APIRequest(
                .put, "/auth_\(type.rawValue)/{\(type.rawValue)}", [id], body: ["password": .string(password)])
        case .deleteUser(let type, let id):
            return APIRequest(.delete, "/auth_\(type.rawValue)/{\(type.rawValue)}", [id])
        case .listACL(let scope, let contains):
            var query: [QueryItem] = []
            if let contains, scope != .all { query.append(QueryItem("_like_\(scope.rawValue)", contains)) }
            switch scope {
            case .username: return APIRequest(.get, "/acl/username", query: query)
            case .clientid: return APIRequest(.get, "/acl/clientid", query: query)
            case .all: return APIRequest(.get, "/acl/$all", query: query)
            }
        case .getACL(let principal):
            switch principal {
            case .username(let name): return APIRequest(.get, "/acl/username/{username}", [name])
            case .clientid(let id): return APIRequest(.get, "/acl/clientid/{clientid}", [id])
            case .all: return APIRequest(.get, "/acl/$all")
            }
        case .addACLRecord(let rule): return APIRequest(.post, "/acl", body: rule.v4Body)
        case .deleteACLRecord(let principal, let topic):
            switch principal {
            case .username(let name):
                return APIRequest(.delete, "/acl/username/{username}/topic/{topic}", [name, topic])
            case .clientid(let id): return APIRequest(.delete, "/acl/clientid/{clientid}/topic/{topic}", [id, topic])
            case .all: return APIRequest(.delete, "/acl/$all/topic/{topic}", [topic])
            }
        case .createACLList, .replaceACLList, .deleteACLList:
            throw unsupported(operation, .v4, hint: "; v4 keeps one rule per record")
        case .addBan(let ban):
            guard [.clientid, .username, .peerhost].contains(ban.kind) else {
                throw EMQXError(.unsupported, "banning by \(ban.kind.rawValue) is not available on API v4")
            }
            var body: JSONObject = ["who": .string(ban.who), "as": .string(ban.kind.rawValue)]
            body["reason"] = .string(ban.reason ?? "")
            if let by = ban.by { body["by"] = .string(by) }
            if let until = ban.until { body["until"] = .int(until) }
            return APIRequest(.post, "/banned", body: .object(body))
        case .alarms(let active): return APIRequest(.get, active ? "/alarms/present" : "/alarms/history")
        case .createRule(let draft):
            var body: JSONObject = ["rawsql": .string(draft.sql), "actions": .array(draft.actions)]
            body["description"] = .string(draft.description ?? "")
            if !draft.enabled { body["enabled"] = .bool(false) }
            return APIRequest(.post, "/rules", body: .object(body))
        }
    }

    static func v4Publish(_ message: PublishMessage) -> JSONValue {
        var body: JSONObject = [
            "topic": .string(message.topic), "clientid": .string(message.clientID ?? "emqxsh"),
            "payload": .string(message.payload), "encoding": .string(message.encoding.rawValue),
            "qos": .int(Int64(message.qos)), "retain": .bool(message.retain),
        ]
        if let properties = message.properties { body["properties"] = properties.json }
        return .object(body)
    }

    static func v5Publish(_ message: PublishMessage) -> JSONValue {
        var body: JSONObject = [
            "topic": .string(message.topic), "payload": .string(message.payload),
            "payload_encoding": .string(message.encoding.rawValue), "qos": .int(Int64(message.qos)),
            "retain": .bool(message.retain),
        ]
        if let properties = message.properties { body["properties"] = properties.json }
        return .object(body)
    }

    static func v5Subscribe(_ s: SubscribeRequest) -> JSONValue {
        var body: JSONObject = ["topic": .string(s.topic), "qos": .int(Int64(s.qos))]
        if let v = s.noLocal { body["nl"] = .int(v ? 1 : 0) }
        if let v = s.retainAsPublished { body["rap"] = .int(v ? 1 : 0) }
        if let v = s.retainHandling { body["rh"] = .int(Int64(v)) }
        return .object(body)
    }
}
