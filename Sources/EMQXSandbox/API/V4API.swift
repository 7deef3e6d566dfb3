import EMQXJSON
import Foundation

/// The EMQX 4.x management API: HTTP 200 with `{code, data, meta}`, errors as result codes.
extension SandboxState {
    func ok(_ data: JSONValue? = nil, meta: JSONValue? = nil) -> SandboxResponse {
        var body: JSONObject = ["code": 0]
        if let data { body["data"] = data }
        if let meta { body["meta"] = meta }
        return .json(.object(body))
    }

    func fail(_ code: Int, _ message: String) -> SandboxResponse {
        .json(["code": .int(Int64(code)), "message": .string(message)])
    }

    func handleV4(_ r: SandboxRequest) -> SandboxResponse {
        let body: JSONValue?
        do { body = try r.json() } catch { return fail(109, "request body is not valid JSON: \(error.message)") }
        let s = r.segments
        switch (r.method, s.count > 0 ? s[0] : "") {
        case ("GET", "brokers"): return v4Brokers(s)
        case ("GET", "nodes"): return v4Nodes(r)
        case (_, "clients"): return v4Clients(r, nodeFilter: nil)
        case ("GET", "subscriptions"): return v4Subscriptions(r)
        case ("GET", "routes"): return v4Routes(r)
        case ("POST", "mqtt"): return v4MQTT(r, body)
        case (_, "auth_username"): return v4Users(r, body, byClientID: false)
        case (_, "auth_clientid"): return v4Users(r, body, byClientID: true)
        case (_, "acl"): return v4ACL(r, body)
        case (_, "banned"): return v4Banned(r, body)
        case ("GET", "metrics") where s.count == 1:
            return ok([["node": .string(nodeName), "metrics": metricsObject(MetricNames.v4Metrics)]])
        case ("GET", "stats") where s.count == 1:
            return ok([["node": .string(nodeName), "stats": statsObject(MetricNames.v4Stats)]])
        case ("GET", "alarms") where s.count >= 2:
            return v4Alarms(active: s[1] == "present", node: s.count > 2 ? s[2] : nil)
        case (_, "rules"): return v4Rules(r, body)
        default: return .json(["message": "not found"], status: 404)
        }
    }

    private func v4Brokers(_ s: [String]) -> SandboxResponse {
        let broker: JSONValue = [
            "datetime": .string(Timestamps.v4(Date())), "node": .string(nodeName), "node_status": "Running",
            "otp_release": "24.3.4.2/12.3.2.2", "sysdescr": "EMQX Sandbox", "uptime": .string(uptimeText()),
            "version": "4.4.19",
        ]
        if s.count == 2 { return s[1] == nodeName ? ok(broker) : fail(101, "badrpc") }
        return ok([broker])
    }

    private func v4NodeObject() -> JSONValue {
        [
            "connections": .int(Int64(clients.values.filter(\.isConnected).count)), "load1": "0.10", "load5": "0.08",
            "load15": "0.05", "max_fds": 1_048_576, "memory_total": "256.00M", "memory_used": "120.00M",
            "node": .string(nodeName), "node_status": "Running", "otp_release": "24.3.4.2/12.3.2.2",
            "process_available": 2_097_152, "process_used": 512, "uptime": .string(uptimeText()), "version": "4.4.19",
        ]
    }

    private func v4Nodes(_ r: SandboxRequest) -> SandboxResponse {
        let s = r.segments
        if s.count == 1 { return ok([v4NodeObject()]) }
        guard s[1] == nodeName else { return fail(101, "badrpc") }
        if s.count == 2 { return ok(v4NodeObject()) }
        switch s[2] {
        case "clients":
            return v4Clients(
                SandboxRequest(method: r.method, segments: Array(s.dropFirst(2)), query: r.query, body: r.body),
                nodeFilter: s[1])
        case "metrics": return ok(metricsObject(MetricNames.v4Metrics))
        case "stats": return ok(statsObject(MetricNames.v4Stats))
        default: return .json(["message": "not found"], status: 404)
        }
    }

    private func v4Clients(_ r: SandboxRequest, nodeFilter: String?) -> SandboxResponse {
        let s = r.segments
        if s.count == 2 {
            let id = s[1]
            if r.method == "DELETE" {
                guard clients[id] != nil else { return fail(112, "not_found") }
                disconnect(id)
                return ok()
            }
            return ok(.array(clients[id].map { [clientJSON($0, v4: true)] } ?? []))
        }
        if s.count == 3, s[1] == "username" {
            return ok(.array(clients.values.filter { $0.username == s[2] }.map { clientJSON($0, v4: true) }))
        }
        guard s.count == 1, r.method == "GET" else { return .json(["message": "not found"], status: 404) }
        let pager: Pager
        switch Pager.read(r, v4: true) {
        case .success(let p): pager = p
        case .failure(let e): return fail(108, "Can't convert \(e.value) to integer type for \(e.name)")
        }
        let filter: ClientFilter
        switch ClientFilter.parse(r, v4: true) {
        case .success(let f): filter = f
        case .failure(let e): return fail(108, "Can't convert \(e.value) to the type of \(e.name)")
        }
        let matching = clients.values.filter(filter.matches)
        let page = pager.slice(Array(matching)).map { clientJSON($0, v4: true) }
        return ok(.array(page), meta: pager.meta(total: matching.count, countKnown: filter.isExactCount, v4: true))
    }

    private func v4Subscriptions(_ r: SandboxRequest) -> SandboxResponse {
        let s = r.segments
        if s.count == 2 {
            let subs = clients[s[1]]?.subscriptions ?? []
            return ok(.array(subs.map { Render.subscription(s[1], $0, node: nodeName, v4: true) }))
        }
        let pager: Pager
        switch Pager.read(r, v4: true) {
        case .success(let p): pager = p
        case .failure(let e): return fail(108, "Can't convert \(e.value) to integer type for \(e.name)")
        }
        let all = subscriptionRows(r, shareName: "share", matchName: "_match_topic")
        let filters = r.query.filter { !$0.name.hasPrefix("_page") && !$0.name.hasPrefix("_limit") }.count
        let page = pager.slice(all).map { Render.subscription($0.0, $0.1, node: nodeName, v4: true) }
        return ok(
            .array(page),
            meta: pager.meta(
                total: all.count, countKnown: filters <= 1 && r.queryValue("_match_topic") == nil, v4: true))
    }

    private func v4Routes(_ r: SandboxRequest) -> SandboxResponse {
        let routes = self.routes()
        if r.segments.count == 2 {
            let topic = r.segments[1]
            return ok(.array(routes.filter { $0 == topic }.map { ["topic": .string($0), "node": .string(nodeName)] }))
        }
        guard case .success(let pager) = Pager.read(r, v4: true) else { return fail(108, "bad paging parameters") }
        let page = pager.slice(routes).map { JSONValue.object(["topic": .string($0), "node": .string(nodeName)]) }
        return ok(.array(page), meta: pager.meta(total: routes.count, countKnown: true, v4: true))
    }

    /// 4.4's alarms: `{id, desc}`, with `clear_at` once cleared; per node in the cluster view, a plain list for one
    /// node.
    private func v4Alarms(active: Bool, node: String?) -> SandboxResponse {
        let list = alarms.filter { ($0.deactivatedAt == nil) == active }.map { alarm -> JSONValue in
            var o: JSONObject = ["id": .string(alarm.name), "desc": .string(alarm.message)]
            if let cleared = alarm.deactivatedAt { o["clear_at"] = .string(Timestamps.v4(cleared)) }
            return .object(o)
        }
        guard let node else { return ok([["node": .string(nodeName), "alarms": .array(list)]]) }
        return node == nodeName ? ok(.array(list)) : fail(101, "badrpc")
    }

    func uptimeText() -> String {
        let seconds = Int(Date().timeIntervalSince(startedAt))
        return "\(seconds / 3600) hours, \(seconds / 60 % 60) minutes, \(seconds % 60) seconds"
    }

    /// The counters a generation names, in its order.
    func metricsObject(_ names: [String]) -> JSONValue {
        .object(JSONObject(uniqueKeysWithValues: names.map { ($0, .int(counters[$0] ?? 0)) }))
    }

    /// The gauges a generation names, from the live state; the sandbox never had more than it has now, so each max is
    /// the count.
    func statsObject(_ names: [String]) -> JSONValue {
        let connected = Int64(clients.values.filter(\.isConnected).count)
        let subscriptions = Int64(clients.values.reduce(0) { $0 + $1.subscriptions.count })
        let shared = Int64(clients.values.reduce(0) { $0 + $1.subscriptions.filter { $0.share != nil }.count })
        let topics = Int64(routes().count)
        let gauges: [String: Int64] = [
            "connections": connected, "live_connections": connected, "channels": connected,
            "sessions": Int64(clients.count),
            "topics": topics, "routes": topics, "subscriptions": subscriptions, "subscriptions.shared": shared,
            "subscribers": subscriptions, "suboptions": subscriptions, "retained": Int64(retained.count),
        ]
        return .object(
            JSONObject(
                uniqueKeysWithValues: names.map { name in
                    let gauge =
                        name.hasSuffix(".count")
                        ? String(name.dropLast(6)) : name.hasSuffix(".max") ? String(name.dropLast(4)) : name
                    return (name, .int(gauges[gauge] ?? 0))
                }))
    }

    func disconnect(_ id: String) {
        closeConnection(id)
        guard var client = clients[id] else { return }
        // A kicked clean-start session ends; a persistent one stays, disconnected.
        if client.cleanStart || client.expiryInterval == 0 {
            clients.removeValue(forKey: id)
        } else {
            client.isConnected = false
            client.disconnectedAt = Date()
            clients[id] = client
        }
        count("client.disconnected")
    }

    /// (clientid, subscription) rows matching the common subscription filters.
    func subscriptionRows(_ r: SandboxRequest, shareName: String, matchName: String) -> [(String, SandboxSubscription)]
    {
        var rows: [(String, SandboxSubscription)] = []
        for (id, client) in clients {
            for subscription in client.subscriptions { rows.append((id, subscription)) }
        }
        if let v = r.queryValue("clientid") { rows = rows.filter { $0.0 == v } }
        if let v = r.queryValue("topic") { rows = rows.filter { $0.1.topic == v } }
        if let v = r.queryValue("qos").flatMap(Int.init) { rows = rows.filter { $0.1.qos == v } }
        if let v = r.queryValue(shareName) { rows = rows.filter { $0.1.topic.hasPrefix("$share/\(v)/") } }
        if let v = r.queryValue(matchName) { rows = rows.filter { TopicMatcher.matches(filter: $0.1.topic, topic: v) } }
        return rows
    }
}
