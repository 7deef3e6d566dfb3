import EMQXJSON
import Foundation

/// v4 brokers, nodes, clients, subscriptions and routes.
extension SandboxState {
    var v4: APIAnswer { APIAnswer(.v4) }

    /// A page as 4.4 reads `_page`/`_limit` and answers `meta`; a bad parameter is result code 108.
    func v4Page(_ rows: [JSONValue], _ call: APICall, countKnown: Bool = true) -> SandboxResponse {
        switch Pager.read(call.request, .v4) {
        case .success(let pager):
            return v4.v4Success(
                .array(Array(pager.slice(rows))), meta: pager.meta(total: rows.count, countKnown: countKnown, .v4))
        case .failure(let e): return v4.v4Failure(108, "Can't convert \(e.value) to integer type for \(e.name)")
        }
    }

    /// A node other than this one, named in a path: 4.4's `badrpc`.
    private func nodeProblem(_ call: APICall) -> SandboxResponse? {
        call.parameters["node"].map { $0 == nodeName ? nil : v4.v4Failure(101, "badrpc") } ?? nil
    }

    func v4Broker() -> JSONValue {
        [
            "datetime": .string(Timestamps.v4(Date())), "node": .string(nodeName), "node_status": "Running",
            "otp_release": "24.3.4.2/12.3.2.2", "sysdescr": "EMQX Sandbox", "uptime": .string(uptimeText()),
            "version": "4.4.19",
        ]
    }

    func v4Broker(_ node: String) -> SandboxResponse {
        node == nodeName ? v4.v4Success(v4Broker()) : v4.v4Failure(101, "badrpc")
    }

    func v4NodeObject() -> JSONValue {
        [
            "connections": .int(Int64(clients.values.filter(\.isConnected).count)), "load1": "0.10", "load5": "0.08",
            "load15": "0.05", "max_fds": 1_048_576, "memory_total": "256.00M", "memory_used": "120.00M",
            "node": .string(nodeName), "node_status": "Running", "otp_release": "24.3.4.2/12.3.2.2",
            "process_available": 2_097_152, "process_used": 512, "uptime": .string(uptimeText()), "version": "4.4.19",
        ]
    }

    func v4Node(_ node: String) -> SandboxResponse {
        node == nodeName ? v4.v4Success(v4NodeObject()) : v4.v4Failure(101, "badrpc")
    }

    func v4NodeMetrics(_ node: String) -> SandboxResponse {
        node == nodeName ? v4.v4Success(metricsObject(MetricNames.v4Metrics)) : v4.v4Failure(101, "badrpc")
    }

    func v4NodeStats(_ node: String) -> SandboxResponse {
        node == nodeName ? v4.v4Success(statsObject(MetricNames.v4Stats)) : v4.v4Failure(101, "badrpc")
    }

    func v4ListClients(_ call: APICall) -> SandboxResponse {
        if let problem = nodeProblem(call) { return problem }
        let filter: ClientFilter
        switch ClientFilter.parse(call.request, .v4) {
        case .success(let f): filter = f
        case .failure(let e): return v4.v4Failure(108, "Can't convert \(e.value) to the type of \(e.name)")
        }
        let matching = clients.values.filter(filter.matches).map { clientJSON($0, .v4) }
        return v4Page(matching, call, countKnown: filter.isExactCount)
    }

    /// 4.4 answers a list: the one client, or none.
    func v4Client(_ id: String, _ call: APICall) -> SandboxResponse {
        if let problem = nodeProblem(call) { return problem }
        return v4.v4Success(.array(clients[id].map { [clientJSON($0, .v4)] } ?? []))
    }

    func v4Kick(_ id: String) -> SandboxResponse {
        guard clients[id] != nil else { return v4.v4Failure(112, "not_found") }
        disconnect(id)
        return v4.v4Success()
    }

    func v4ClientsOfUser(_ username: String, _ call: APICall) -> SandboxResponse {
        if let problem = nodeProblem(call) { return problem }
        return v4.v4Success(.array(clients.values.filter { $0.username == username }.map { clientJSON($0, .v4) }))
    }

    func v4Subscriptions(of id: String) -> SandboxResponse {
        let subscriptions = clients[id]?.subscriptions ?? []
        return v4.v4Success(.array(subscriptions.map { Render.subscription(id, $0, node: nodeName, .v4) }))
    }

    func v4ListSubscriptions(_ call: APICall) -> SandboxResponse {
        let rows = subscriptionRows(call.request, shareName: "share", matchName: "_match_topic")
            .map { Render.subscription($0.0, $0.1, node: nodeName, .v4) }
        let filters = call.request.query.filter { !$0.name.hasPrefix("_page") && !$0.name.hasPrefix("_limit") }.count
        return v4Page(rows, call, countKnown: filters <= 1 && call.queryValue("_match_topic") == nil)
    }

    func v4ListRoutes(_ call: APICall) -> SandboxResponse {
        v4Page(routes().map { ["topic": .string($0), "node": .string(nodeName)] }, call)
    }

    func v4Route(_ topic: String) -> SandboxResponse {
        v4.v4Success(.array(routes().filter { $0 == topic }.map { ["topic": .string($0), "node": .string(nodeName)] }))
    }

    /// 4.4's alarms: `{id, desc}`, with `clear_at` once cleared; per node in the cluster view, a plain list for one
    /// node.
    /// `{node, name}`: the alarm moves from the present list to the history, as EMQX 4.3+ does.
    func v4DeactivateAlarm(_ call: APICall) -> SandboxResponse {
        guard let name = call.body?["name"]?.stringValue, let node = call.body?["node"]?.stringValue else {
            return v4.v4Failure(107, "name and node are required")
        }
        guard node == nodeName else { return v4.v4Failure(101, "badrpc") }
        guard let index = alarms.firstIndex(where: { $0.name == name && $0.deactivatedAt == nil }) else {
            return v4.v4Failure(102, "alarm \(name) is not active")
        }
        alarms[index].deactivatedAt = Date()
        return v4.v4Success()
    }

    func v4Alarms(active: Bool, node: String?) -> SandboxResponse {
        let list = alarms.filter { ($0.deactivatedAt == nil) == active }.map { alarm -> JSONValue in
            var o: JSONObject = ["id": .string(alarm.name), "desc": .string(alarm.message)]
            if let cleared = alarm.deactivatedAt { o["clear_at"] = .string(Timestamps.v4(cleared)) }
            return .object(o)
        }
        guard let node else { return v4.v4Success([["node": .string(nodeName), "alarms": .array(list)]]) }
        return node == nodeName ? v4.v4Success(.array(list)) : v4.v4Failure(101, "badrpc")
    }
}
