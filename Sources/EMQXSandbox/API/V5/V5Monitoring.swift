import EMQXJSON
import Foundation

/// v5 nodes, metrics, stats and alarms.
extension SandboxState {
    func v5NodeObject() -> JSONValue {
        let connected = Int64(clients.values.filter(\.isConnected).count)
        return [
            "node": .string(nodeName), "connections": .int(connected), "live_connections": .int(connected),
            "cluster_sessions": .int(Int64(clients.count)), "load1": 0.1, "load5": 0.08, "load15": 0.05,
            "max_fds": 1_048_576, "memory_total": "256.00M", "memory_used": "120.00M", "node_status": "running",
            "otp_release": "26.2.5-3", "process_available": 2_097_152, "process_used": 512,
            "uptime": .int(Int64(Date().timeIntervalSince(startedAt) * 1000)),
            "version": .string(SandboxConfiguration.release),
            "edition": "Opensource", "sys_path": "/opt/emqx", "log_path": "/opt/emqx/log", "role": "core",
        ]
    }

    /// A per-node object: `node` first, then the values.
    private func withNode(_ values: JSONValue) -> JSONValue {
        var object: JSONObject = ["node": .string(nodeName)]
        for (key, value) in values.objectValue ?? [:] { object[key] = value }
        return .object(object)
    }

    private var nodeNotFound: SandboxResponse { v5.v5Error(404, "NOT_FOUND", "node not found") }

    func v5Node(_ node: String) -> SandboxResponse {
        node == nodeName ? .json(v5NodeObject()) : nodeNotFound
    }

    func v5NodeMetrics(_ node: String) -> SandboxResponse {
        node == nodeName ? .json(withNode(metricsObject(MetricNames.v5Metrics))) : nodeNotFound
    }

    func v5NodeStats(_ node: String) -> SandboxResponse {
        // One node's figures in the aggregated form (the 5.8.1 document's `aggregated_data`): no node name, and no
        // durable subscription count, which only the per-node list carries.
        guard node == nodeName, case .object(var figures) = statsObject(MetricNames.v5Stats) else {
            return nodeNotFound
        }
        figures.removeValue(forKey: "durable_subscriptions.count")
        return .json(.object(figures))
    }

    /// The cluster's counters: summed (`aggregate=true`), or a list with one object per node.
    func v5Metrics(aggregate: Bool) -> SandboxResponse {
        let values = metricsObject(MetricNames.v5Metrics)
        return .json(aggregate ? values : [withNode(values)])
    }

    func v5Stats(aggregate: Bool) -> SandboxResponse {
        let values = statsObject(MetricNames.v5Stats)
        return .json(aggregate ? values : [withNode(values)])
    }

    func v5ListAlarms(_ call: APICall) -> SandboxResponse {
        let active = call.queryValue("activated").map { $0 == "true" }
        let rows = alarms.filter { active == nil || ($0.deactivatedAt == nil) == active! }.map { alarm -> JSONValue in
            [
                "node": .string(nodeName), "name": .string(alarm.name), "message": .string(alarm.message),
                "details": [:],
                "duration": .int(Int64(Date().timeIntervalSince(alarm.activatedAt) * 1000)),
                "activate_at": .string(Timestamps.rfc3339(alarm.activatedAt)),
                "deactivate_at": alarm.deactivatedAt.map { .string(Timestamps.rfc3339($0)) } ?? "infinity",
            ]
        }
        return listPage(rows, call)
    }

    func v5DeleteClearedAlarms() -> SandboxResponse {
        alarms.removeAll { $0.deactivatedAt != nil }
        return .noContent
    }
}
