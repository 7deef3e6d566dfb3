import EMQXMQTT
import Foundation
import OrderedCollections

/// Messages published to `$delayed/{seconds}/{topic}`, held until they are due (EMQX's delayed publish).
struct DelayedMessages: Sendable {
    struct Entry: Sendable {
        /// EMQX names a delayed message by a hex GUID.
        var id: String
        /// The message as it will be published: its real topic, without the `$delayed/N/` prefix.
        var message: MQTTMessage
        var publishedAt: Date
        var interval: Int
        var dueAt: Date { publishedAt.addingTimeInterval(Double(interval)) }
    }

    var enable = true
    /// The most held at once; 0 is no limit.
    var maximum = 0
    private(set) var entries: OrderedDictionary<String, Entry> = [:]
    private var serial: UInt64 = 0

    /// `$delayed/10/a/b` → (10, `a/b`); nil for any other topic, or an interval that is not a whole number of seconds
    /// up to EMQX's 42,949,670 (about 497 days).
    static func parse(_ topic: String) -> (seconds: Int, topic: String)? {
        let parts = topic.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "$delayed", let seconds = Int(parts[1]), seconds >= 0,
            seconds <= 42_949_670, !parts[2].isEmpty
        else { return nil }
        return (seconds, String(parts[2]))
    }

    var isFull: Bool { maximum > 0 && entries.count >= maximum }

    mutating func hold(_ message: MQTTMessage, for seconds: Int, at now: Date = Date()) -> Entry {
        serial += 1
        let stamp = UInt64(now.timeIntervalSince1970 * 1_000_000)
        let id = String(format: "%016llX%016llX", stamp, serial)
        let entry = Entry(id: id, message: message, publishedAt: now, interval: seconds)
        entries[id] = entry
        return entry
    }

    mutating func remove(_ id: String) -> Entry? { entries.removeValue(forKey: id) }

    /// Removes every message held for a topic; how many there were.
    mutating func removeAll(topic: String) -> Int {
        let before = entries.count
        entries.removeAll { $0.value.message.topic == topic }
        return before - entries.count
    }
}
