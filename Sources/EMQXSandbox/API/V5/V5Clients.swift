import EMQXJSON
import Foundation

/// v5 clients, subscriptions and topics.
extension SandboxState {
    var v5: APIAnswer { APIAnswer(.v5) }

    /// A page of `items` as `{data, meta}`; `countKnown` false leaves `meta.count` out, as EMQX does for fuzzy
    /// filters.
    func listPage(_ items: [JSONValue], _ call: APICall, countKnown: Bool = true) -> SandboxResponse {
        switch Pager.read(call.request, .v5) {
        case .success(let pager):
            return .json([
                "data": .array(Array(pager.slice(items))),
                "meta": pager.meta(total: items.count, countKnown: countKnown, .v5),
            ])
        case .failure(let e):
            return v5.v5Error(
                400, "INVALID_PARAMETER", "the value \(e.value) of \(e.name) is not a valid integer in range")
        }
    }

    func v5ListClients(_ call: APICall) -> SandboxResponse {
        let filter: ClientFilter
        switch ClientFilter.parse(call.request, .v5) {
        case .success(let f): filter = f
        case .failure(let e):
            return v5.v5Error(400, "INVALID_PARAMETER", "the value \(e.value) of \(e.name) is not valid")
        }
        if let node = call.queryValue("node"), node != nodeName { return listPage([], call) }
        let rows = clients.values.filter(filter.matches).map { clientJSON($0, .v5) }
        return listPage(rows, call, countKnown: filter.likeClientID == nil && filter.likeUsername == nil)
    }

    func v5KickMany(_ call: APICall) -> SandboxResponse {
        guard let ids = call.body?.arrayValue?.compactMap(\.stringValue) else {
            return v5.v5Error(400, "BAD_REQUEST", "expected an array of client ids")
        }
        ids.forEach(disconnect)
        return .noContent
    }

    private var clientNotFound: SandboxResponse { v5.v5Error(404, "CLIENTID_NOT_FOUND", "Client ID not found") }

    func v5Client(_ id: String) -> SandboxResponse {
        guard let client = clients[id] else { return clientNotFound }
        return .json(clientJSON(client, .v5))
    }

    func v5Kick(_ id: String) -> SandboxResponse {
        guard clients[id] != nil else { return clientNotFound }
        disconnect(id)
        return .noContent
    }

    func v5ClientSubscriptions(_ id: String) -> SandboxResponse {
        guard let client = clients[id] else { return clientNotFound }
        return .json(.array(client.subscriptions.map { Render.subscription(id, $0, node: nodeName, .v5) }))
    }

    func v5Subscribe(_ id: String, _ call: APICall) -> SandboxResponse {
        guard clients[id] != nil else { return clientNotFound }
        guard let body = call.body else { return v5.v5Error(400, "BAD_REQUEST", "missing body") }
        return v5SubscribeOne(id, body).map { .json($0) } ?? badTopic(body)
    }

    func v5SubscribeMany(_ id: String, _ call: APICall) -> SandboxResponse {
        guard clients[id] != nil else { return clientNotFound }
        guard let list = call.body?.arrayValue else { return v5.v5Error(400, "BAD_REQUEST", "expected an array") }
        guard list.allSatisfy({ $0["topic"]?.stringValue.map(TopicMatcher.isValidFilter) ?? false }) else {
            return v5.v5Error(400, "BAD_REQUEST", "invalid topic filter")
        }
        return .json(.array(list.compactMap { v5SubscribeOne(id, $0) }))
    }

    func v5Unsubscribe(_ id: String, _ call: APICall) -> SandboxResponse {
        guard clients[id] != nil else { return clientNotFound }
        guard let topic = call.body?["topic"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "topic is required")
        }
        clients[id]?.subscriptions.removeAll { $0.topic == topic }
        return .noContent
    }

    func v5UnsubscribeMany(_ id: String, _ call: APICall) -> SandboxResponse {
        guard clients[id] != nil else { return clientNotFound }
        for topic in call.body?.arrayValue?.compactMap({ $0["topic"]?.stringValue }) ?? [] {
            clients[id]?.subscriptions.removeAll { $0.topic == topic }
        }
        return .noContent
    }

    private func badTopic(_ body: JSONValue) -> SandboxResponse {
        if let qos = body["qos"]?.intValue, !(0...2).contains(qos) {
            return v5.v5Error(400, "BAD_REQUEST", "qos must be 0, 1 or 2")
        }
        return v5.v5Error(400, "BAD_REQUEST", "invalid topic filter")
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
        var json = Render.subscription(id, subscription, node: nodeName, .v5).objectValue ?? [:]
        for key in ["nl", "rap", "rh"] { if let v = item[key] { json[key] = v } }
        return .object(json)
    }

    func v5ListSubscriptions(_ call: APICall) -> SandboxResponse {
        let rows = subscriptionRows(call.request, shareName: "share_group", matchName: "match_topic")
            .map { Render.subscription($0.0, $0.1, node: nodeName, .v5) }
        return listPage(rows, call, countKnown: call.queryValue("match_topic") == nil)
    }

    func v5ListTopics(_ call: APICall) -> SandboxResponse {
        var routes = self.routes()
        if let topic = call.queryValue("topic") { routes = routes.filter { $0 == topic } }
        return listPage(routes.map { ["topic": .string($0), "node": .string(nodeName)] }, call)
    }

    func v5Topic(_ topic: String) -> SandboxResponse {
        guard routes().contains(topic) else { return v5.v5Error(404, "TOPIC_NOT_FOUND", "Topic not found") }
        return .json([["topic": .string(topic), "node": .string(nodeName)]])
    }
}
