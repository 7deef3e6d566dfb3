import EMQXJSON
import Foundation

/// v5 topic metrics: register a topic, list and read its counters, reset them, remove it.
extension SandboxState {
    func v5ListTopicMetrics() -> SandboxResponse {
        .json(.array(topicMetrics.map { topicMetricJSON($0.key, $0.value) }))
    }

    func v5TopicMetric(_ topic: String) -> SandboxResponse {
        guard let record = topicMetrics[topic] else { return topicNotFound }
        return .json(topicMetricJSON(topic, record))
    }

    func v5AddTopicMetric(_ call: APICall) -> SandboxResponse {
        guard let topic = call.body?["topic"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "topic is required")
        }
        guard TopicMatcher.isValidName(topic), !topic.hasPrefix("$") else {
            return v5.v5Error(400, "BAD_TOPIC", "Topic metrics take a topic name, not a filter: \(topic)")
        }
        guard topicMetrics[topic] == nil else { return v5.v5Error(400, "BAD_REQUEST", "Topic already registered") }
        guard topicMetrics.count < TopicMetricRecord.limit else {
            return v5.v5Error(409, "EXCEED_LIMIT", "Topic metrics exceeded max limit \(TopicMetricRecord.limit)")
        }
        topicMetrics[topic] = TopicMetricRecord(createdAt: Date())
        return .noContent
    }

    /// `{action: "reset"}` resets every topic; with `topic`, that one.
    func v5ResetTopicMetrics(_ call: APICall) -> SandboxResponse {
        guard call.body?["action"]?.stringValue == "reset" else {
            return v5.v5Error(400, "BAD_REQUEST", "action must be reset")
        }
        let now = Date()
        if let topic = call.body?["topic"]?.stringValue {
            guard topicMetrics[topic] != nil else { return topicNotFound }
            topicMetrics[topic]?.reset(at: now)
        } else {
            for topic in topicMetrics.keys { topicMetrics[topic]?.reset(at: now) }
        }
        return .noContent
    }

    func v5DeleteTopicMetric(_ topic: String) -> SandboxResponse {
        guard topicMetrics.removeValue(forKey: topic) != nil else { return topicNotFound }
        return .noContent
    }

    private var topicNotFound: SandboxResponse {
        v5.v5Error(404, "TOPIC_NOT_FOUND", "Topic not found")
    }

    /// Counts and their average rates per second since creation or the last reset.
    private func topicMetricJSON(_ topic: String, _ record: TopicMetricRecord) -> JSONValue {
        let since = record.resetAt ?? record.createdAt
        let seconds = max(Date().timeIntervalSince(since), 1)
        var metrics = JSONObject()
        for key in ["dropped", "in", "out", "qos0.in", "qos0.out", "qos1.in", "qos1.out", "qos2.in", "qos2.out"] {
            let count = record.counts[key, default: 0]
            metrics["message.\(key).count"] = .int(count)
            metrics["message.\(key).rate"] = .double((Double(count) / seconds * 100).rounded() / 100)
        }
        var object: JSONObject = [
            "topic": .string(topic), "create_time": .string(Timestamps.rfc3339(record.createdAt)),
            "metrics": .object(metrics),
        ]
        // Left out until a reset: the document's schema has no null for it.
        if let resetAt = record.resetAt { object["reset_time"] = .string(Timestamps.rfc3339(resetAt)) }
        return .object(object)
    }
}
