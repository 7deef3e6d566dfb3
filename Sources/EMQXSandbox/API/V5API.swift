import EMQXJSON
import Foundation

/// The EMQX 5.x management API: bare bodies or `{data, meta}`, HTTP status codes with string error codes.
extension SandboxState {
    func error(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        .json(["code": .string(code), "message": .string(message)], status: status)
    }

    func notFound(_ what: String = "Not Found") -> SandboxResponse { error(404, "NOT_FOUND", what) }

    func listPage(_ items: [JSONValue], _ r: SandboxRequest, countKnown: Bool = true) -> SandboxResponse {
        switch Pager.read(r, v4: false) {
        case .success(let pager):
            return .json([
                "data": .array(Array(pager.slice(items))),
                "meta": pager.meta(total: items.count, countKnown: countKnown, v4: false),
            ])
        case .failure(let e):
            return error(400, "INVALID_PARAMETER", "the value \(e.value) of \(e.name) is not a valid integer in range")
        }
    }

    func handleV5(_ r: SandboxRequest) -> SandboxResponse {
        let body: JSONValue?
        do { body = try r.json() } catch {
            return self.error(400, "BAD_REQUEST", "invalid JSON body: \(error.message)")
        }
        let s = r.segments
        switch (r.method, s.first ?? "") {
        case (_, "clients"): return v5Clients(r, body)
        case ("GET", "subscriptions") where s.count == 1:
            let rows = subscriptionRows(r, shareName: "share_group", matchName: "match_topic")
                .map { Render.subscription($0.0, $0.1, node: nodeName, v4: false) }
            return listPage(rows, r, countKnown: r.queryValue("match_topic") == nil)
        case ("GET", "topics"):
            var routes = self.routes()
            if s.count == 2 {
                guard routes.contains(s[1]) else { return error(404, "TOPIC_NOT_FOUND", "Topic not found") }
                return .json([["topic": .string(s[1]), "node": .string(nodeName)]])
            }
            if let topic = r.queryValue("topic") { routes = routes.filter { $0 == topic } }
            return listPage(routes.map { ["topic": .string($0), "node": .string(nodeName)] }, r)
        case ("POST", "publish"): return v5Publish(s, body)
        case (_, "authentication"): return v5Users(r, body)
        case (_, "authorization"): return v5Authz(r, body)
        case (_, "banned"): return v5Banned(r, body)
        case ("GET", "metrics") where s.count == 1:
            let values = metricsObject(MetricNames.v5Metrics)
            return .json(r.queryValue("aggregate") == "true" ? values : [withNode(values)])
        case ("GET", "stats") where s.count == 1:
            let values = statsObject(MetricNames.v5Stats)
            return .json(r.queryValue("aggregate") == "true" ? values : [withNode(values)])
        case ("GET", "nodes"): return v5Nodes(s)
        case (_, "alarms") where s.count == 1: return v5Alarms(r)
        case (_, "rules"): return v5Rules(r, body)
        default: return notFound("Request path not found")
        }
    }

    private func v5NodeObject() -> JSONValue {
        let connected = Int64(clients.values.filter(\.isConnected).count)
        return [
            "node": .string(nodeName), "connections": .int(connected), "live_connections": .int(connected),
            "cluster_sessions": .int(Int64(clients.count)), "load1": 0.1, "load5": 0.08, "load15": 0.05,
            "max_fds": 1_048_576, "memory_total": "256.00M", "memory_used": "120.00M", "node_status": "running",
            "otp_release": "26.2.5-3", "process_available": 2_097_152, "process_used": 512,
            "uptime": .int(Int64(Date().timeIntervalSince(startedAt) * 1000)), "version": "5.8.1",
            "edition": "Opensource", "sys_path": "/opt/emqx", "log_path": "/opt/emqx/log", "role": "core",
        ]
    }

    /// A per-node object: `node` first, then the values.
    private func withNode(_ values: JSONValue) -> JSONValue {
        var object: JSONObject = ["node": .string(nodeName)]
        for (key, value) in values.objectValue ?? [:] { object[key] = value }
        return .object(object)
    }

    private func v5Nodes(_ s: [String]) -> SandboxResponse {
        if s.count == 1 { return .json([v5NodeObject()]) }
        guard s[1] == nodeName else { return error(404, "NOT_FOUND", "node not found") }
        if s.count == 2 { return .json(v5NodeObject()) }
        switch s[2] {
        case "metrics": return .json(withNode(metricsObject(MetricNames.v5Metrics)))
        case "stats": return .json(withNode(statsObject(MetricNames.v5Stats)))
        default: return notFound()
        }
    }

    private func v5Clients(_ r: SandboxRequest, _ body: JSONValue?) -> SandboxResponse {
        let s = r.segments
        if s.count == 1, r.method == "GET" {
            let filter: ClientFilter
            switch ClientFilter.parse(r, v4: false) {
            case .success(let f): filter = f
            case .failure(let e):
                return error(400, "INVALID_PARAMETER", "the value \(e.value) of \(e.name) is not valid")
            }
            if let node = r.queryValue("node"), node != nodeName { return listPage([], r) }
            let rows = clients.values.filter(filter.matches).map { clientJSON($0, v4: false) }
            return listPage(rows, r, countKnown: filter.likeClientID == nil && filter.likeUsername == nil)
        }
        if s.count == 3, s[1] == "kickout", s[2] == "bulk", r.method == "POST" {
            guard let ids = body?.arrayValue?.compactMap(\.stringValue) else {
                return error(400, "BAD_REQUEST", "expected an array of client ids")
            }
            ids.forEach(disconnect)
            return .noContent
        }
        guard s.count >= 2 else { return notFound() }
        let id = s[1]
        guard clients[id] != nil else { return error(404, "CLIENTID_NOT_FOUND", "Client ID not found") }
        switch (r.method, Array(s.dropFirst(2))) {
        case ("GET", []): return .json(clientJSON(clients[id]!, v4: false))
        case ("DELETE", []):
            disconnect(id)
            return .noContent
        case ("GET", ["subscriptions"]):
            return .json(
                .array(clients[id]!.subscriptions.map { Render.subscription(id, $0, node: nodeName, v4: false) }))
        case ("POST", ["subscribe"]):
            guard let body else { return error(400, "BAD_REQUEST", "missing body") }
            return v5SubscribeOne(id, body).map { .json($0) } ?? badTopic(body)
        case ("POST", ["subscribe", "bulk"]):
            guard let list = body?.arrayValue else { return error(400, "BAD_REQUEST", "expected an array") }
            guard list.allSatisfy({ $0["topic"]?.stringValue.map(TopicMatcher.isValidFilter) ?? false }) else {
                return error(400, "BAD_REQUEST", "invalid topic filter")
            }
            return .json(.array(list.compactMap { v5SubscribeOne(id, $0) }))
        case ("POST", ["unsubscribe"]):
            guard let topic = body?["topic"]?.stringValue else { return error(400, "BAD_REQUEST", "topic is required") }
            clients[id]?.subscriptions.removeAll { $0.topic == topic }
            return .noContent
        case ("POST", ["unsubscribe", "bulk"]):
            for topic in body?.arrayValue?.compactMap({ $0["topic"]?.stringValue }) ?? [] {
                clients[id]?.subscriptions.removeAll { $0.topic == topic }
            }
            return .noContent
        default: return notFound()
        }
    }

    private func badTopic(_ body: JSONValue) -> SandboxResponse {
        if let qos = body["qos"]?.intValue, !(0...2).contains(qos) {
            return error(400, "BAD_REQUEST", "qos must be 0, 1 or 2")
        }
        return error(400, "BAD_REQUEST", "invalid topic filter")
    }

    private func v5SubscribeOne(_ id: String, _ item: JSONValue) -> JSONValue? {
        guard let topic = item["topic"]?.stringValue, TopicMatcher.isValidFilter(topic) else { return nil }
        let qos = item["qos"]?.intValue ?? 0
        guard (0...2).contains(qos) else { return nil }
        let subscription = SandboxSubscription(
            topic: topic, qos: Int(qos), noLocal: item["nl"]?.intValue == 1,
            retainAsPublished: item["rap"]?.intValue == 1,
            retainHandling: Int(item["rh"]?.intValue ?? 0))
        let isNew = addSubscription(subscription, for: id)
        sendRetained(to: id, for: subscription, isNew: isNew)
        var json = Render.subscription(id, subscription, node: nodeName, v4: false).objectValue ?? [:]
        for key in ["nl", "rap", "rh"] { if let v = item[key] { json[key] = v } }
        return .object(json)
    }

    private func v5Publish(_ s: [String], _ body: JSONValue?) -> SandboxResponse {
        guard let body else { return error(400, "BAD_REQUEST", "missing body") }
        if s.count == 2, s[1] == "bulk" {
            guard let list = body.arrayValue, !list.isEmpty else {
                return error(400, "BAD_REQUEST", "expected a non-empty array")
            }
            var results: [JSONValue] = []
            for item in list {
                if let problem = v5PublishProblem(item) { return problem }
            }
            var anyMissed = false
            for item in list {
                let result = v5PublishOne(item)
                anyMissed = anyMissed || result.reasonCode != nil
                results.append(result.json)
            }
            return .json(.array(results), status: anyMissed ? 202 : 200)
        }
        guard s.count == 1 else { return notFound() }
        if let problem = v5PublishProblem(body) { return problem }
        let result = v5PublishOne(body)
        return .json(result.json, status: result.reasonCode == nil ? 200 : 202)
    }

    private func v5PublishProblem(_ body: JSONValue) -> SandboxResponse? {
        guard let topic = body["topic"]?.stringValue else { return error(400, "BAD_REQUEST", "topic is required") }
        guard body["payload"]?.stringValue != nil else { return error(400, "BAD_REQUEST", "payload is required") }
        guard TopicMatcher.isValidName(topic) else {
            return error(400, "BAD_TOPIC", "Topic name \(topic) is not valid")
        }
        if let qos = body["qos"]?.intValue, !(0...2).contains(qos) {
            return error(400, "BAD_REQUEST", "qos must be 0, 1 or 2")
        }
        let encoding = body["payload_encoding"]?.stringValue ?? "plain"
        guard encoding == "plain" || encoding == "base64" else {
            return error(400, "BAD_REQUEST", "payload_encoding must be plain or base64")
        }
        if encoding == "base64", Data(base64Encoded: body["payload"]?.stringValue ?? "") == nil {
            return error(400, "BAD_REQUEST", "payload is not valid base64")
        }
        return nil
    }

    private func v5PublishOne(_ body: JSONValue) -> (json: JSONValue, reasonCode: Int?) {
        let text = body["payload"]?.stringValue ?? ""
        let payload =
            body["payload_encoding"]?.stringValue == "base64"
            ? Array(Data(base64Encoded: text) ?? Data()) : Array(text.utf8)
        let receivers = route(
            topic: body["topic"]?.stringValue ?? "", payload: payload, qos: Int(body["qos"]?.intValue ?? 0),
            retain: body["retain"]?.boolValue ?? false, properties: mqttProperties(body["properties"]))
        if receivers == 0 { return (["reason_code": 16, "message": "no_matching_subscribers"], 16) }
        return (["id": .string(SandboxAuthenticator.randomHex(16).uppercased())], nil)
    }

    /// The publish API's `properties` object as the MQTT 5 properties subscribers receive.
    private func mqttProperties(_ json: JSONValue?) -> [MQTTProperty] {
        guard let json else { return [] }
        var properties: [MQTTProperty] = []
        if let v = json["payload_format_indicator"]?.intValue {
            properties.append(MQTTProperty(id: MQTTProperty.payloadFormat, value: .byte(UInt8(clamping: v))))
        }
        if let v = json["message_expiry_interval"]?.intValue {
            properties.append(MQTTProperty(id: MQTTProperty.messageExpiry, value: .fourBytes(UInt32(clamping: v))))
        }
        if let v = json["content_type"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.contentType, value: .string(v)))
        }
        if let v = json["response_topic"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.responseTopic, value: .string(v)))
        }
        if let v = json["correlation_data"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.correlationData, value: .binary(Array(v.utf8))))
        }
        for (key, value) in json["user_properties"]?.objectValue ?? [:] {
            if let text = value.stringValue {
                properties.append(MQTTProperty(id: MQTTProperty.userProperty, value: .pair(key, text)))
            }
        }
        return properties
    }

    private func v5Alarms(_ r: SandboxRequest) -> SandboxResponse {
        if r.method == "DELETE" {
            alarms.removeAll { $0.deactivatedAt != nil }
            return .noContent
        }
        let active = r.queryValue("activated").map { $0 == "true" }
        let rows = alarms.filter { active == nil || ($0.deactivatedAt == nil) == active! }.map { alarm -> JSONValue in
            [
                "node": .string(nodeName), "name": .string(alarm.name), "message": .string(alarm.message),
                "details": [:],
                "duration": .int(Int64(Date().timeIntervalSince(alarm.activatedAt) * 1000)),
                "activate_at": .string(Timestamps.rfc3339(alarm.activatedAt)),
                "deactivate_at": alarm.deactivatedAt.map { .string(Timestamps.rfc3339($0)) } ?? "infinity",
            ]
        }
        return listPage(rows, r)
    }
}
