import EMQXMQTT
import NIOCore
import NIOPosix

/// An MQTT client connection to a broker, on SwiftNIO: publish at QoS 0, 1 and 2, subscribe, and read what the
/// broker delivers as an async sequence.
///
/// ```swift
/// let client = try await MQTTClient.connect(MQTTClientOptions(host: "127.0.0.1", port: 1883, clientID: "probe"))
/// _ = try await client.subscribe(["sensors/#"], qos: 1)
/// for await message in client.messages { print(message.topic) }
/// ```
public final class MQTTClient: Sendable {
    /// The messages the broker delivers to this client's subscriptions, in order; it ends when the connection does.
    public let messages: AsyncStream<MQTTClientMessage>
    /// What the client connected with.
    public let options: MQTTClientOptions
    private let channel: any Channel
    private let handler: MQTTClientHandler

    private init(
        channel: any Channel, handler: MQTTClientHandler, messages: AsyncStream<MQTTClientMessage>,
        options: MQTTClientOptions
    ) {
        self.channel = channel
        self.handler = handler
        self.messages = messages
        self.options = options
    }

    /// Connects and waits for the broker's CONNACK.
    ///
    /// - Parameter options: The broker, the identity and the time limits.
    /// - Returns: A connected client.
    /// - Throws: `EMQXError`: `.network` when the broker cannot be reached, `.unauthorized` when it refuses the
    ///   credentials, `.clientError` for any other refusal (with MQTT's reason), `.timeout` past `connectTimeout`.
    public static func connect(_ options: MQTTClientOptions) async throws(EMQXError) -> MQTTClient {
        let version: MQTTVersion = options.version == .v5 ? .v5 : .v311
        let (messages, deliver) = AsyncStream.makeStream(of: MQTTClientMessage.self, bufferingPolicy: .unbounded)
        let mismatch = PinMismatch()
        let handler = MQTTClientHandler(version: version, deliver: deliver, pinMismatch: mismatch)
        let tls = try options.tls.map { options throws(EMQXError) in try ClientTLS.context(options) }
        let pin = options.tls?.normalizedPin
        let serverName = ClientTLS.serverName(options.host)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(options.connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let tls {
                            try pipeline.addHandler(
                                ClientTLS.handler(tls, host: serverName, pin: pin, mismatch: mismatch))
                        }
                        try pipeline.addHandler(ByteToMessageHandler(MQTTPacketDecoder(clientAt: version)))
                        try pipeline.addHandler(handler)
                    }
                }
                .connect(host: options.host, port: options.port).get()
        } catch {
            throw EMQXError(.network, "cannot reach the MQTT broker at \(options.host):\(options.port): \(error)")
        }
        let client = MQTTClient(channel: channel, handler: handler, messages: messages, options: options)
        let connect = MQTTConnect(
            version: version, clientID: options.clientID, cleanStart: options.cleanStart,
            keepalive: UInt16(clamping: options.keepalive), username: options.username,
            password: options.password.map { Array($0.utf8) })
        let answer = try await client.await("CONNACK") {
            handler.connect(connect, pingEvery: options.keepalive, timeout: options.connectTimeout)
        }
        guard case .connack(_, let code, _) = answer, !code.isFailure else {
            channel.close(promise: nil)
            let code: MQTTReasonCode = if case .connack(_, let code, _) = answer { code } else { .protocolError }
            let kind: EMQXError.Code =
                code == .notAuthorized || code == .badUsernameOrPassword ? .unauthorized : .clientError
            throw EMQXError(kind, "the broker refused the connection: \(Self.describe(code))")
        }
        return client
    }

    /// Publishes a message; at QoS 1 and 2, returns once the broker has acknowledged it.
    ///
    /// - Parameter message: The message.
    /// - Throws: `EMQXError`: `.clientError` when the broker refuses it (MQTT 5 reason codes), `.network` when the
    ///   connection is gone, `.timeout` when no acknowledgement comes.
    public func publish(_ message: MQTTClientMessage) async throws(EMQXError) {
        var message = message
        if options.version != .v5 {
            (message.userProperties, message.contentType, message.responseTopic, message.correlationData) = (
                [], nil, nil, nil
            )
        }
        let wire = message.wire
        let handler = self.handler
        guard message.qos > 0 else {
            channel.eventLoop.execute { [handler] in handler.write(.publish(MQTTPublish(message: wire))) }
            return
        }
        let timeout = options.acknowledgementTimeout
        let answer = try await self.await("PUBACK") {
            handler.request(timeout: timeout) { id in .publish(MQTTPublish(message: wire, packetID: id)) }
        }
        if case .ack(_, _, let code, _) = answer, code.isFailure {
            throw EMQXError(.clientError, "the broker refused the message to \(message.topic): \(Self.describe(code))")
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
        let handler = self.handler
        let answer = try await self.await("SUBACK") {
            handler.request(timeout: timeout) { id in
                .subscribe(
                    packetID: id, filters: filters.map { MQTTSubscription(filter: $0, qos: qos) }, properties: [])
            }
        }
        guard case .suback(_, let codes, _) = answer else { return [] }
        return codes.map { $0.isFailure ? nil : Int($0.rawValue) }
    }

    /// Ends the subscriptions to topic filters.
    ///
    /// - Parameter filters: The topic filters, as subscribed.
    /// - Throws: `EMQXError`: `.network` when the connection is gone, `.timeout` when no UNSUBACK comes.
    public func unsubscribe(_ filters: [String]) async throws(EMQXError) {
        let timeout = options.acknowledgementTimeout
        let handler = self.handler
        _ = try await self.await("UNSUBACK") {
            handler.request(timeout: timeout) { id in .unsubscribe(packetID: id, filters: filters, properties: []) }
        }
    }

    /// Sends DISCONNECT and closes the connection; `messages` then ends.
    public func disconnect() async {
        let channel = self.channel
        let handler = self.handler
        try? await channel.eventLoop.submit { handler.write(.disconnect(code: .success, properties: [])) }.get()
        try? await channel.close()
    }

    /// Runs `start` on the event loop and waits for the answer it promises (which `start` bounds in time).
    private func await(
        _ what: String, _ start: @escaping @Sendable () -> EventLoopFuture<MQTTPacket>
    ) async throws(EMQXError) -> MQTTPacket {
        do {
            return try await channel.eventLoop.flatSubmit(start).get()
        } catch let error as EMQXError {
            throw error
        } catch {
            throw EMQXError(.network, "waiting for \(what): \(error)")
        }
    }

    /// `notAuthorized (0x87)`.
    static func describe(_ code: MQTTReasonCode) -> String {
        "\(code) (0x\(String(code.rawValue, radix: 16)))"
    }
}
