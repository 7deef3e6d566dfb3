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

/// An MQTT address as a deployment gives it: `mqtt://host:port` (1883 when the port is left out) or
/// `mqtts://host:port` (TLS, 8883 by default).
enum MQTTAddress {
    static func parse(_ address: String) throws(ShellError) -> (host: String, port: Int, tls: Bool) {
        guard let schemeEnd = address.firstRange(of: "://") else {
            throw ShellError.usage("'\(address)' is no MQTT address; write mqtt://host:port or mqtts://host:port")
        }
        let scheme = address[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "mqtt" || scheme == "mqtts" else {
            throw ShellError.usage(
                "'\(address)': \(scheme):// is not supported yet; emqxsh speaks mqtt:// and mqtts:// for now")
        }
        let tls = scheme == "mqtts"
        var rest = address[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        guard let colon = rest.lastIndex(of: ":") else { return (String(rest), tls ? 8883 : 1883, tls) }
        guard let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
            throw ShellError.usage("'\(address)' has no valid port")
        }
        return (String(rest[..<colon]), port, tls)
    }
}
