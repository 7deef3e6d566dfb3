import DequeModule
import EMQXMQTT
import Foundation
import OrderedCollections

/// The broker's retained messages, one per topic, within a bound in bytes: past it a new topic's message is not
/// kept, as EMQX's retainer refuses past its `max_retained_messages`.
struct RetainedMessages: Sendable {
    private(set) var messages: OrderedDictionary<String, MQTTMessage> = [:]
    /// When each topic's message was kept (v5's `publish_at`).
    private(set) var keptAt: [String: Date] = [:]
    /// Topic, payload and overhead of all messages kept.
    private(set) var bytes = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var count: Int { messages.count }

    subscript(topic: String) -> MQTTMessage? { messages[topic] }

    /// Keeps a topic's message, or clears it when the payload is empty; false when it did not fit.
    mutating func keep(_ message: MQTTMessage) -> Bool {
        let previous = messages[message.topic].map(Self.size) ?? 0
        if message.payload.isEmpty {
            remove(message.topic)
            return true
        }
        let size = Self.size(message)
        guard bytes - previous + size <= limit else { return false }
        messages[message.topic] = message
        keptAt[message.topic] = Date()
        bytes += size - previous
        return true
    }

    /// Forgets a topic's message; false when there was none.
    @discardableResult
    mutating func remove(_ topic: String) -> Bool {
        guard let old = messages.removeValue(forKey: topic) else { return false }
        keptAt.removeValue(forKey: topic)
        bytes -= Self.size(old)
        return true
    }

    /// Forgets every message.
    mutating func removeAll() {
        messages.removeAll()
        keptAt.removeAll()
        bytes = 0
    }

    /// The messages a topic filter matches, oldest topic first.
    func matching(_ filter: String) -> [MQTTMessage] {
        messages.values.filter { TopicMatcher.matches(filter: filter, topic: $0.topic) }
    }

    static func size(_ message: MQTTMessage) -> Int { message.topic.utf8.count + message.payload.count + 64 }
}

/// The last deliveries, for tests, within a count and a size: the oldest are forgotten first.
struct DeliveryLog: Sendable {
    private var entries = Deque<DeliveredMessage>()
    private(set) var bytes = 0
    let maximumEntries: Int
    let maximumBytes: Int

    init(maximumEntries: Int, maximumBytes: Int) {
        self.maximumEntries = maximumEntries
        self.maximumBytes = maximumBytes
    }

    mutating func record(_ delivery: DeliveredMessage) {
        entries.append(delivery)
        bytes += Self.size(delivery)
        while entries.count > maximumEntries || bytes > maximumBytes, let oldest = entries.popFirst() {
            bytes -= Self.size(oldest)
        }
    }

    var all: [DeliveredMessage] { Array(entries) }

    private static func size(_ delivery: DeliveredMessage) -> Int { delivery.payload.count + delivery.topic.utf8.count }
}
