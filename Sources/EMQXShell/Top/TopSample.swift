import EMQXJSON
import EMQXKit

/// One look at a deployment for `top`: node figures, message totals and the busiest clients' counters, read
/// through the API (either generation).
struct TopSample: Sendable {
    /// A client's counters, as the clients API reports them.
    struct ClientCounters: Sendable {
        var clientID: String
        var node: String
        var messagesIn: Int64
        var messagesOut: Int64
        var bytesIn: Int64
        var bytesOut: Int64
        var subscriptions: Int64
        var queue: Int64
    }

    /// A node's gauges, as the stats API reports them.
    struct NodeFigures: Sendable {
        var node: String
        var connections: Int64
        var subscriptions: Int64
        var topics: Int64
    }

    var at: ContinuousClock.Instant
    var nodes: [NodeFigures]
    /// All nodes together: messages.received, messages.sent, bytes.received, bytes.sent.
    var messagesIn: Int64
    var messagesOut: Int64
    var bytesIn: Int64
    var bytesOut: Int64
    var clients: [ClientCounters]

    /// Reads metrics, stats and up to `limit` clients.
    static func read(from client: EMQXClient, limit: Int) async throws -> TopSample {
        async let metrics = client.metrics()
        async let stats = client.stats()
        async let records = client.clients(pageSize: min(limit, 1000)).collect(limit: limit)
        let totals = try await metrics.reduce(into: [Int64](repeating: 0, count: 4)) { sums, node in
            for (index, name) in ["messages.received", "messages.sent", "bytes.received", "bytes.sent"].enumerated() {
                sums[index] += node.values[name]?.intValue ?? 0
            }
        }
        let nodes = try await stats.map { node in
            let figure = { (name: String) in node.values[name]?.intValue ?? 0 }
            return NodeFigures(
                node: node.node, connections: figure("connections.count"),
                subscriptions: figure("subscriptions.count"), topics: figure("topics.count"))
        }
        let clients = try await records.map { record in
            let figure = { (name: String) in record.raw[name]?.intValue ?? 0 }
            return ClientCounters(
                clientID: record.clientID, node: record.node ?? "", messagesIn: figure("recv_msg"),
                messagesOut: figure("send_msg"), bytesIn: figure("recv_oct"), bytesOut: figure("send_oct"),
                subscriptions: figure("subscriptions_cnt"), queue: figure("mqueue_len"))
        }
        return TopSample(
            at: .now, nodes: nodes, messagesIn: totals[0], messagesOut: totals[1], bytesIn: totals[2],
            bytesOut: totals[3], clients: clients)
    }
}
