import EMQXKit
import Foundation
import Synchronization

/// The messages of one `sub`, handed out one by one: it ends after the count, at the deadline, on Ctrl-C, or when
/// the connection does, and disconnects then (or when the stream is dropped early, by `break` or an error).
final class SubscriptionBox: @unchecked Sendable {
    private let client: MQTTClient
    private var iterator: MQTTMessages.Iterator
    private var remaining: Int
    private let watchdog: Task<Void, Never>?

    init(client: MQTTClient, limit: Int, deadline: ContinuousClock.Instant?) {
        self.client = client
        self.iterator = client.messages.makeAsyncIterator()
        self.remaining = limit
        // At the deadline the connection closes, which ends the messages and so the stream.
        watchdog = deadline.map { deadline in
            Task {
                try? await Task.sleep(until: deadline)
                if !Task.isCancelled { await client.disconnect() }
            }
        }
    }

    deinit {
        watchdog?.cancel()
        let client = self.client
        Task { await client.disconnect() }
    }

    /// The next message if one has arrived, without waiting; nil when none waits (or the stream is over).
    func nextWaiting() -> MQTTClientMessage? {
        guard remaining > 0, !Task.isCancelled, let message = iterator.nextWaiting() else { return nil }
        remaining -= 1
        return message
    }

    func next() async -> MQTTClientMessage? {
        guard remaining > 0, !Task.isCancelled, let message = await iterator.next() else {
            await client.disconnect()
            return nil
        }
        remaining -= 1
        return message
    }
}

/// The wall-clock time a message is read at, as ISO 8601 with milliseconds (`2026-12-01T08:35:55.123Z`): the
/// date and time to the second are formatted once a second, not once a message.
enum ReceivedTime {
    /// The second last formatted, and its text up to the milliseconds (`2026-12-01T08:35:55.`).
    private static let cache = Mutex<(second: Int, prefix: [UInt8])>((-1, []))

    static func now() -> String {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        let (second, milliseconds) = (Int(clock.tv_sec), Int(clock.tv_nsec) / 1_000_000)
        let prefix = cache.withLock { cache in
            if cache.second != second {
                let text = Date(timeIntervalSince1970: Double(second)).formatted(.iso8601)
                cache = (second, Array(text.dropLast().utf8) + [UInt8(ascii: ".")])  // without its Z
            }
            return cache.prefix
        }
        return String(unsafeUninitializedCapacity: prefix.count + 4) { text in
            let end = text.initialize(fromContentsOf: prefix)
            text[end] = UInt8(48 + milliseconds / 100)
            text[end + 1] = UInt8(48 + milliseconds / 10 % 10)
            text[end + 2] = UInt8(48 + milliseconds % 10)
            text[end + 3] = UInt8(ascii: "Z")
            return prefix.count + 4
        }
    }
}
