import EMQXJSON
import Foundation

/// What both API generations read off the store: uptime, counters and gauges, subscription rows; and a kick.
extension SandboxState {
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
