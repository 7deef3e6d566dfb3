import EMQXMQTT
import NIOCore
import NIOPosix
import Synchronization

/// An MQTT client connection to a broker, on SwiftNIO: publish at QoS 0, 1 and 2, subscribe, and read what the
/// broker delivers as an async sequence.
///
/// ```swift
/// let client = try await MQTTClient.connect(MQTTClientOptions(host: "127.0.0.1", port: 1883, clientID: "probe"))
/// _ = try await client.subscribe(["sensors/#"], qos: 1)
/// for await message in client.messages { print(message.topic) }
/// ```
///
/// With ``MQTTClientOptions/reconnect``, a lost connection is opened again with backoff: a persistent session
/// (`cleanStart` false, with a session expiry) resumes with what the broker kept for it, a clean one is
/// subscribed again; `messages` goes on across them.
public final class MQTTClient: Sendable {
    /// The messages the broker delivers to this client's subscriptions, in order; it ends when the connection does
    /// (for good: after ``disconnect()``, or once reconnecting gives up).
    public var messages: MQTTMessages { MQTTMessages(inbox: inbox) }
    /// What the client connected with.
    public let options: MQTTClientOptions
    let inbox = MQTTInbox()
    let state: Mutex<State>
    private let loopExecutor = EventLoopTaskExecutor(EventLoops.shared.next())
    /// The event loop every connection of this client runs on.
    var eventLoop: any EventLoop { loopExecutor.eventLoop }

    /// The executor the client's connection runs on. A task that reads ``messages`` and prefers it
    /// (`withTaskExecutorPreference`) takes each read's messages on the connection's own thread, as a
    /// single-threaded client does, rather than being woken on another.
    public var executor: any TaskExecutor { loopExecutor }

    struct State {
        /// The connection in use; nil before the first and while reconnecting.
        var link: MQTTClientLink?
        /// Set by `disconnect`: a connection that ends then is not opened again.
        var closing = false
        /// The filters subscribed, with their QoS, for subscribing again on a new session.
        var subscriptions: [String: Int] = [:]
        var reconnects = 0
        /// Why the last connection ended, while reconnecting.
        var lastFailure: EMQXError?
    }

    private init(options: MQTTClientOptions) {
        self.options = options
        state = Mutex(State())
    }

    /// Connects and waits for the broker's CONNACK.
    ///
    /// - Parameter options: The broker, the identity, the session and the time limits.
    /// - Returns: A connected client.
    /// - Throws: `EMQXError`: `.network` when the broker cannot be reached, `.unauthorized` when it refuses the
    ///   credentials, `.clientError` for any other refusal (with MQTT's reason), `.timeout` past `connectTimeout`.
    public static func connect(_ options: MQTTClientOptions) async throws(EMQXError) -> MQTTClient {
        let client = MQTTClient(options: options)
        let link = try await client.open(cleanStart: options.cleanStart)
        client.state.withLock { $0.link = link }
        // A connection that ended before it was the one in use: its end is heard now.
        if !link.channel.isActive {
            client.linkClosed(link.handler, EMQXError(.network, "the connection to the broker was closed"))
        }
        return client
    }

    /// How many times the connection was opened again after it was lost.
    public var reconnects: Int { state.withLock { $0.reconnects } }

    /// The connection in use, or the error that says there is none.
    var link: MQTTClientLink {
        get throws(EMQXError) {
            let (link, failure) = state.withLock { ($0.link, $0.lastFailure) }
            guard let link else {
                throw failure ?? EMQXError(.network, "the connection to the broker is being opened again")
            }
            return link
        }
    }

    /// Publishes a message; at QoS 1 and 2, returns once the broker has acknowledged it.
    ///
    /// - Parameter message: The message.
    /// - Throws: `EMQXError`: `.clientError` when the broker refuses it (MQTT 5 reason codes), `.network` when the
    ///   connection is gone, `.timeout` when no acknowledgement comes.
    public func publish(_ message: MQTTClientMessage) async throws(EMQXError) {
        // MQTT 3.1.1 has no properties: the encoder leaves them out at that level.
        let wire = message.wire
        let link = try self.link
        let handler = link.handler
        guard message.qos > 0 else {
            link.channel.eventLoop.execute { [handler] in handler.write(.publish(MQTTPublish(message: wire))) }
            return
        }
        let timeout = options.acknowledgementTimeout
        let answer = try await link.await("PUBACK") {
            handler.request(timeout: timeout) { id in .publish(MQTTPublish(message: wire, packetID: id)) }
        }
        if case .ack(_, _, let code, _) = answer, code.isFailure {
            throw EMQXError(.clientError, "the broker refused the message to \(message.topic): \(Self.describe(code))")
        }
    }

    /// Publishes messages in one write, as a load generator does: returns once they are written (QoS 0) or all
    /// acknowledged (QoS 1 and 2).
    ///
    /// - Parameters:
    ///   - messages: The messages, sent in order.
    ///   - acknowledged: Told each QoS 1 or 2 message's time from write to acknowledgement, on the connection's
    ///     event loop.
    /// - Throws: `EMQXError`: as ``publish(_:)``.
    public func publish(
        burst messages: [MQTTClientMessage], acknowledged: @escaping @Sendable (Duration) -> Void = { _ in }
    ) async throws(EMQXError) {
        let wire = messages.map(\.wire)
        let link = try self.link
        let handler = link.handler
        let timeout = options.acknowledgementTimeout
        do {
            try await link.channel.eventLoop.flatSubmit {
                handler.publish(burst: wire, timeout: timeout, acknowledged: acknowledged)
            }.get()
        } catch let error as EMQXError {
            throw error
        } catch {
            throw EMQXError(.network, "publishing: \(error)")
        }
    }

    /// Subscribes to topic filters at one QoS.
    ///
    /// - Parameters:
    ///   - filters: The topic filters (`sensors/#`, `$share/g/t`).
    ///   - qos: The maximum QoS to receive at.
    /// - Returns: The QoS the broker granted each filter, in order; nil for a filter it refused.
    /// - Throws: `EMQXError`: `.network` when the connection is gone, `.timeout` when no SUBACK comes.
    public func subscribe(_ filters: [String], qos: Int = 0) async throws(EMQXError) -> [Int?] {
        let timeout = options.acknowledgementTimeout
        let link = try self.link
        let handler = link.handler
        let answer = try await link.await("SUBACK") {
            handler.request(timeout: timeout) { id in
                .subscribe(
                    packetID: id, filters: filters.map { MQTTSubscription(filter: $0, qos: qos) }, properties: [])
            }
        }
        guard case .suback(_, let codes, _) = answer else { return [] }
        let granted = codes.map { $0.isFailure ? nil : Int($0.rawValue) }
        state.withLock { state in
            for (filter, qos) in zip(filters, granted) where qos != nil { state.subscriptions[filter] = qos }
        }
        return granted
    }

    /// Ends the subscriptions to topic filters.
    ///
    /// - Parameter filters: The topic filters, as subscribed.
    /// - Throws: `EMQXError`: `.network` when the connection is gone, `.timeout` when no UNSUBACK comes.
    public func unsubscribe(_ filters: [String]) async throws(EMQXError) {
        let timeout = options.acknowledgementTimeout
        let link = try self.link
        let handler = link.handler
        state.withLock { state in for filter in filters { state.subscriptions[filter] = nil } }
        _ = try await link.await("UNSUBACK") {
            handler.request(timeout: timeout) { id in .unsubscribe(packetID: id, filters: filters, properties: []) }
        }
    }

    /// Sends DISCONNECT and closes the connection; `messages` then ends.
    public func disconnect() async {
        guard
            let link = state.withLock({ state in
                state.closing = true
                return state.link
            })
        else {
            inbox.finish()
            return
        }
        let handler = link.handler
        try? await link.channel.eventLoop.submit { handler.write(.disconnect(code: .success, properties: [])) }.get()
        try? await link.channel.close()
        inbox.finish()
    }

    /// `notAuthorized (0x87)`.
    static func describe(_ code: MQTTReasonCode) -> String {
        "\(code) (0x\(String(code.rawValue, radix: 16)))"
    }
}
