import EMQXMQTT
import Foundation

/// The counters EMQX 5 keeps for one topic an operator registered (`/mqtt/topic_metrics`), from its creation or
/// last reset.
struct TopicMetricRecord: Sendable {
    let createdAt: Date
    var resetAt: Date?
    /// `in`, `out`, `dropped`, and `qosN.in` / `qosN.out`.
    var counts: [String: Int64] = [:]

    /// EMQX's bound on registered topics.
    static let limit = 512

    mutating func reset(at time: Date) {
        counts = [:]
        resetAt = time
    }
}

extension SandboxState {
    /// Counts a message routed to a registered topic: in, by QoS, and dropped when no one receives it.
    func countTopicMetrics(_ message: MQTTMessage, receivers: Int) {
        guard topicMetrics[message.topic] != nil else { return }
        topicMetrics[message.topic]?.counts["in", default: 0] += 1
        topicMetrics[message.topic]?.counts["qos\(message.qos).in", default: 0] += 1
        if receivers == 0 { topicMetrics[message.topic]?.counts["dropped", default: 0] += 1 }
    }

    /// Counts one delivery of a registered topic's message, at the QoS it was sent with.
    func countTopicDelivery(_ topic: String, qos: Int) {
        guard topicMetrics[topic] != nil else { return }
        topicMetrics[topic]?.counts["out", default: 0] += 1
        topicMetrics[topic]?.counts["qos\(qos).out", default: 0] += 1
    }
}
