import Foundation

/// A log trace (EMQX 5's `/trace`): what it filters on, and the log lines it has caught.
struct TraceRecord: Sendable {
    /// `clientid`, `topic` or `ip_address`.
    var type: String
    /// The client id, topic filter or address it follows.
    var filter: String
    var startAt: Date
    var endAt: Date
    var stopped = false
    /// The log text, at most `limit` bytes; what falls off the front is counted in `dropped` so positions stay valid.
    var log: [UInt8] = []
    var dropped = 0

    /// A trace keeps the last 1 MiB of its log, as a file rotated by EMQX would.
    static let limit = 1 << 20

    func isRunning(at now: Date) -> Bool { !stopped && now >= startAt && now < endAt }

    /// Appends one line, dropping the oldest bytes past the limit.
    mutating func append(_ line: String) {
        log += Array((line + "\n").utf8)
        if log.count > Self.limit {
            let excess = log.count - Self.limit
            log.removeFirst(excess)
            dropped += excess
        }
    }

    /// Up to `bytes` of the log from `position` (counted from the first byte ever logged), and the next position.
    func read(from position: Int, bytes: Int) -> (text: String, next: Int) {
        let start = max(position - dropped, 0)
        guard start < log.count else { return ("", dropped + log.count) }
        var end = min(start + bytes, log.count)
        // Never cut a UTF-8 sequence: back off to the start of the character.
        while end < log.count, end > start, log[end] & 0xC0 == 0x80 { end -= 1 }
        return (String(decoding: log[start..<end], as: UTF8.self), dropped + end)
    }
}

extension SandboxState {
    /// Logs an MQTT event to every running trace that follows its client, address or topic.
    func trace(clientID: String, peer: String, topic: String?, _ message: String) {
        guard !traces.isEmpty else { return }
        let now = Date()
        let line = "\(Timestamps.rfc3339(now)) [MQTT] \(clientID)@\(peer) msg: \(message)"
        for name in traces.keys {
            guard let record = traces[name], record.isRunning(at: now) else { continue }
            let follows: Bool
            switch record.type {
            case "clientid": follows = record.filter == clientID
            case "ip_address": follows = record.filter == peer
            case "topic": follows = topic.map { TopicMatcher.matches(filter: record.filter, topic: $0) } ?? false
            default: follows = false
            }
            if follows { traces[name]?.append(line) }
        }
    }
}
