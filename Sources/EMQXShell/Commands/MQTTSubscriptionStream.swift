import EMQXKit

/// The messages of one `sub`, handed out one by one: it ends after the count, at the deadline, on Ctrl-C, or when
/// the connection does, and disconnects then (or when the stream is dropped early, by `break` or an error).
final class SubscriptionBox: @unchecked Sendable {
    private let client: MQTTClient
    private var iterator: AsyncStream<MQTTClientMessage>.AsyncIterator
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

    func next() async -> MQTTClientMessage? {
        guard remaining > 0, !Task.isCancelled, let message = await iterator.next() else {
            await client.disconnect()
            return nil
        }
        remaining -= 1
        return message
    }
}
