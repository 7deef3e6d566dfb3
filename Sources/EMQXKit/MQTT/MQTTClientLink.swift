import EMQXMQTT
import NIOCore
import NIOPosix

/// One connection of an MQTT client: its channel and the handler on it, opened through TCP, TLS or a WebSocket
/// and introduced with CONNECT.
struct MQTTClientLink: Sendable {
    let channel: any Channel
    let handler: MQTTClientHandler
    /// Whether the broker resumed an earlier session (CONNACK's session-present flag).
    let sessionPresent: Bool

    /// Opens a connection and waits for the broker's CONNACK.
    ///
    /// - Parameters:
    ///   - options: The broker, the identity and the time limits.
    ///   - eventLoop: The event loop the connection runs on.
    ///   - cleanStart: Whether to ask for a new session.
    ///   - deliver: Where delivered messages go, a read's worth at a time.
    ///   - closed: Called once, on the event loop, when the connection ends (also one that never got as far as
    ///     CONNACK), with its handler.
    /// - Returns: The open connection.
    /// - Throws: `EMQXError`, as ``MQTTClient/connect(_:)`` does.
    static func open(
        _ options: MQTTClientOptions, on eventLoop: any EventLoop, cleanStart: Bool,
        deliver: @escaping @Sendable ([MQTTClientMessage]) -> Void,
        closed: @escaping @Sendable (MQTTClientHandler, EMQXError) -> Void
    ) async throws(EMQXError) -> MQTTClientLink {
        let version: MQTTVersion = options.version == .v5 ? .v5 : .v311
        let mismatch = PinMismatch()
        let handler = MQTTClientHandler(version: version, deliver: deliver, closed: closed, pinMismatch: mismatch)
        let tls = try options.tls.map { options throws(EMQXError) in try ClientTLS.context(options) }
        let pin = options.tls?.normalizedPin
        let serverName = ClientTLS.serverName(options.host)
        let channel: any Channel
        let upgraded: EventLoopFuture<Bool>?
        let (host, port, webSocketPath) = (options.host, options.port, options.webSocketPath)
        do {
            (channel, upgraded) = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(TimeAmount(options.connectTimeout))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(
                                ClientTLS.handler(tls, host: serverName, pin: pin, mismatch: mismatch))
                        }
                        let addMQTT: @Sendable (any Channel) throws -> Void = { channel in
                            let pipeline = channel.pipeline.syncOperations
                            if options.busyReadPause > .zero {
                                try pipeline.addHandler(MQTTReadPacer(pause: options.busyReadPause))
                            }
                            try pipeline.addHandler(handler)
                        }
                        guard let webSocketPath else {
                            try addMQTT(channel)
                            return (channel, nil)
                        }
                        let upgrade = try MQTTWebSocketTransport.configure(
                            channel, host: host, port: port, path: webSocketPath, addMQTT: addMQTT)
                        return (channel, upgrade)
                    }
                }
        } catch {
            throw EMQXError(.network, "cannot reach the MQTT broker at \(host):\(port): \(error)")
        }
        if let upgraded { try await waitForUpgrade(upgraded, on: channel, options) }
        var properties: [MQTTProperty] = []
        if version == .v5, options.sessionExpiry > 0 {
            properties.append(MQTTProperty(id: MQTTProperty.sessionExpiry, value: .fourBytes(options.sessionExpiry)))
        }
        let connect = MQTTConnect(
            version: version, clientID: options.clientID, cleanStart: cleanStart,
            keepalive: UInt16(clamping: options.keepalive), username: options.username,
            password: options.password.map { Array($0.utf8) }, properties: properties)
        let link = MQTTClientLink(channel: channel, handler: handler, sessionPresent: false)
        let answer = try await link.await("CONNACK") {
            handler.connect(connect, pingEvery: options.keepalive, timeout: options.connectTimeout)
        }
        guard case .connack(let sessionPresent, let code, _) = answer, !code.isFailure else {
            channel.close(promise: nil)
            let code: MQTTReasonCode = if case .connack(_, let code, _) = answer { code } else { .protocolError }
            let kind: EMQXError.Code =
                code == .notAuthorized || code == .badUsernameOrPassword ? .unauthorized : .clientError
            throw EMQXError(kind, "the broker refused the connection: \(MQTTClient.describe(code))")
        }
        return MQTTClientLink(channel: channel, handler: handler, sessionPresent: sessionPresent)
    }

    /// Waits (within the connect timeout) for the broker to switch the connection to WebSocket.
    private static func waitForUpgrade(
        _ upgraded: EventLoopFuture<Bool>, on channel: any Channel, _ options: MQTTClientOptions
    ) async throws(EMQXError) {
        let where_ = "\(options.host):\(options.port)\(options.webSocketPath ?? "")"
        let timeout = channel.eventLoop.scheduleTask(in: TimeAmount(options.connectTimeout)) {
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        let switched: Bool
        do { switched = try await upgraded.get() } catch {
            channel.close(promise: nil)
            throw EMQXError(.network, "no WebSocket at \(where_): \(error)")
        }
        guard switched else {
            channel.close(promise: nil)
            throw EMQXError(
                .network, "\(where_) refused the upgrade to a WebSocket (is it an MQTT-over-WebSocket path?)")
        }
    }

    /// Runs `start` on the event loop and waits for the answer it promises (which `start` bounds in time).
    func await(
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
}
