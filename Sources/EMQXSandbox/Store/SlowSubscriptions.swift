import Foundation
import OrderedCollections

/// EMQX's slow subscriptions: the subscriptions whose messages took longest from arriving at the broker to their
/// receiver's acknowledgement (`whole`), top K, each kept until it is not updated for `expire_interval`.
struct SlowSubscriptions: Sendable {
    struct Record: Sendable {
        var clientID: String
        var topic: String
        /// Milliseconds.
        var timespan: Int
        var updatedAt: Date
    }

    var enable = false
    var threshold: Duration = .milliseconds(500)
    var expireInterval: Duration = .seconds(300)
    var topK = 10
    var statsType = "whole"
    private(set) var records: OrderedDictionary<String, Record> = [:]

    mutating func note(clientID: String, topic: String, took elapsed: Duration, at now: Date = Date()) {
        guard enable, elapsed >= threshold else { return }
        let milliseconds = Int(elapsed.milliseconds)
        records["\(clientID)\u{0}\(topic)"] = Record(
            clientID: clientID, topic: topic, timespan: milliseconds, updatedAt: now)
        if records.count > topK, let fastest = records.min(by: { $0.value.timespan < $1.value.timespan }) {
            records.removeValue(forKey: fastest.key)
        }
    }

    /// The records still fresh, slowest first.
    mutating func current(at now: Date = Date()) -> [Record] {
        let horizon = now.addingTimeInterval(-Double(expireInterval.components.seconds))
        records.removeAll { $0.value.updatedAt < horizon }
        return records.values.sorted { $0.timespan > $1.timespan }
    }

    mutating func clear() { records.removeAll() }

    /// `500ms`, `2s`, `5m`, `1h` as a duration; nil for anything else.
    static func duration(_ text: String) -> Duration? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (unit, milliseconds) in units where text.hasSuffix(unit) {
            guard let number = Int64(text.dropLast(unit.count)), number >= 0 else { return nil }
            return .milliseconds(number * milliseconds)
        }
        return nil
    }
}

extension Duration {
    /// The whole milliseconds in it.
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
