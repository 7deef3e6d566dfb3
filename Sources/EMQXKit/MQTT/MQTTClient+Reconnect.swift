/// How a client opens a lost connection again: after a delay that doubles from `initialDelay` up to
/// `maximumDelay` (each with ±20% jitter, so that many clients do not come back at once), at most `maximumAttempts`
/// times in a row.
public struct MQTTReconnectPolicy: Sendable, Hashable {
    /// The wait before the first attempt.
    public var initialDelay: Duration
    /// The longest wait between attempts.
    public var maximumDelay: Duration
    /// Attempts in a row before giving up; nil tries for as long as the client is used.
    public var maximumAttempts: Int?

    /// - Parameters:
    ///   - initialDelay: The first wait (500 ms by default).
    ///   - maximumDelay: The longest wait (30 s by default).
    ///   - maximumAttempts: Attempts in a row before giving up; nil for no limit.
    public init(
        initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30), maximumAttempts: Int? = nil
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
    }
}

extension MQTTClient {
    /// Opens a connection whose messages go to `messages` and whose end this client hears of.
    func open(cleanStart: Bool) async throws(EMQXError) -> MQTTClientLink {
        let inbox = self.inbox
        return try await MQTTClientLink.open(
            options, on: eventLoop, cleanStart: cleanStart, deliver: { inbox.add($0) },
            closed: { [weak self] handler, failure in self?.linkClosed(handler, failure) })
    }

    /// The connection in use ended: the messages end with it, unless the client reconnects. (One that never became
    /// the connection in use, an attempt that failed, is its opener's business.)
    func linkClosed(_ handler: MQTTClientHandler, _ failure: EMQXError) {
        let reconnecting = state.withLock { state -> Bool? in
            guard let link = state.link, link.handler === handler else { return nil }
            state.link = nil
            state.lastFailure = failure
            return !state.closing && options.reconnect != nil
        }
        guard let reconnecting else { return }
        guard reconnecting, let policy = options.reconnect else {
            inbox.finish()
            return
        }
        Task { await self.reconnect(policy) }
    }

    private func reconnect(_ policy: MQTTReconnectPolicy) async {
        var delay = policy.initialDelay
        var attempt = 0
        while policy.maximumAttempts.map({ attempt < $0 }) ?? true {
            attempt += 1
            try? await Task.sleep(for: delay * Double.random(in: 0.8...1.2))
            if state.withLock({ $0.closing }) { break }
            let link: MQTTClientLink
            do throws(EMQXError) { link = try await open(cleanStart: options.cleanStart) } catch {
                state.withLock { $0.lastFailure = error }
                delay = min(delay * 2, policy.maximumDelay)
                continue
            }
            let subscriptions = state.withLock { state -> [String: Int]? in
                guard !state.closing else { return nil }
                (state.link, state.lastFailure) = (link, nil)
                state.reconnects += 1
                return state.subscriptions
            }
            guard let subscriptions else {
                link.channel.close(promise: nil)
                break
            }
            // A persistent session resumes with what the broker kept; a clean one is subscribed again. Should the
            // new connection end meanwhile, its own end starts the next round.
            if !link.sessionPresent {
                for (qos, filters) in Dictionary(grouping: subscriptions.keys, by: { subscriptions[$0] ?? 0 }) {
                    _ = try? await subscribe(filters.sorted(), qos: qos)
                }
            }
            return
        }
        inbox.finish()
    }
}
