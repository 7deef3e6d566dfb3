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

    /// Whether a message has arrived and waits: its reader need not write out what it holds yet.
    var hasWaiting: Bool { client.messages.waiting > 0 }

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
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    static func now() -> String {
        var clock = timespec()
        clock_gettime(CLOCK_REALTIME, &clock)
        let (second, milliseconds) = (Int(clock.tv_sec), Int(clock.tv_nsec) / 1_000_000)
        var text = cache.withLock { cache in
            if cache.second != second {
                let text = Date(timeIntervalSince1970: Double(second)).formatted(.iso8601)
                cache = (second, String(text.dropLast()) + ".")  // without its Z
            }
            return cache.text
        }
        for digit in [milliseconds / 100, milliseconds / 10 % 10, milliseconds % 10] {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(48 + digit)))
        }
        text.unicodeScalars.append("Z")
        return text
    }
}
