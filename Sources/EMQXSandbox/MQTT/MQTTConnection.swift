import EMQXMQTT
import NIOCore
import NIOSSL

/// Serves one MQTT connection: CONNECT first, then each batch of packets in order, then the end of the session's
/// connection. The broker's state decides, and hands its writes and closes to the channels itself.
struct MQTTConnection {
    static let keepaliveHandlerName = "mqtt-keepalive"

    let connection: NIOAsyncChannel<[MQTTFrame], ByteBuffer>
    let state: SandboxState
    /// The id of the listener it came through (`tcp:default`).
    let listenerID: String
    let log: @Sendable (String) -> Void

    func serve() async {
        let channel = connection.channel
        let peer = channel.remoteAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
        var session: MQTTLink?
        do {
            try await connection.executeThenClose { inbound, _ in
                do {
                    var batches = inbound.makeAsyncIterator()
                    guard let opening = try await batches.next(), let first = opening.first,
                        case .connect(let connect) = first.packet
                    else { return }
                    guard
                        let link = await state.mqttConnect(
                            connect, size: first.size, channel: channel, listener: listenerID)
                    else { return }
                    session = link
                    // A client that says goodbye at once may have closed already: its DISCONNECT is still read below.
                    try? await applyKeepalive(seconds: Int(connect.keepalive), on: channel)
                    var batch = Array(opening.dropFirst())
                    while true {
                        if !batch.isEmpty {
                            guard await state.mqttHandle(batch, from: link) else { break }
                        }
                        guard let next = try await batches.next() else { break }
                        batch = next
                    }
                } catch let error as MQTTProtocolError {
                    // Only this connection ends; the DISCONNECT (MQTT 5) says why before the socket closes.
                    log("mqtt: closing \(session?.clientID ?? peer): \(error.message)")
                    if let link = session, link.version == .v5 {
                        link.send(.disconnect(code: error.reason, properties: []))
                    } else if session == nil, error.reason == MQTTReasonCode.unsupportedProtocolVersion {
                        // Answered in MQTT 3.1.1 framing, which every client can read: return code 1.
                        MQTTLink(channel: channel, version: .v311, clientID: "")
                            .send(.connack(sessionPresent: false, code: error.reason, properties: []))
                    }
                }
            }
        } catch {
            if !(error is CancellationError), !(error is ChannelError), !(error is NIOSSLError) {
                log("mqtt: closing \(session?.clientID ?? peer): \(error)")
            }
        }
        if let session { await state.mqttConnectionClosed(session) }
    }

    /// Replaces the CONNECT timeout by the client's keepalive: silence for 1.5 times it closes the connection.
    private func applyKeepalive(seconds: Int, on channel: any Channel) async throws {
        try await channel.pipeline.removeHandler(name: Self.keepaliveHandlerName).get()
        guard seconds > 0 else { return }
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                IdleStateHandler(readTimeout: .milliseconds(Int64(seconds) * 1500)), name: Self.keepaliveHandlerName,
                position: .first)
        }.get()
    }
}

/// Passes packets on in the batches one read brought, so one hop to the broker's state carries many.
final class MQTTFrameBatcher: ChannelInboundHandler {
    typealias InboundIn = MQTTFrame
    typealias InboundOut = [MQTTFrame]
    private var batch: [MQTTFrame] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        batch.append(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush(context)
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // The packets before a malformed one are still handled, in order.
        flush(context)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        flush(context)
        context.fireChannelInactive()
    }

    private func flush(_ context: ChannelHandlerContext) {
        guard !batch.isEmpty else { return }
        context.fireChannelRead(wrapInboundOut(batch))
        batch = []
    }
}
