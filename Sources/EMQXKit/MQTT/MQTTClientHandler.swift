import EMQXMQTT
import NIOCore
import NIOPosix
import NIOSSL

/// The client's end of one MQTT connection, on its channel's event loop: it writes packets, matches each
/// acknowledgement to what is waiting for it, acknowledges what the broker delivers (QoS 1 and the QoS 2 exchange)
/// and hands delivered messages on.
///
/// Every property is touched on the event loop only; `MQTTClient` reaches it through `eventLoop.submit`.
final class MQTTClientHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let version: MQTTVersion
    private let deliver: @Sendable ([MQTTClientMessage]) -> Void
    /// Messages of the current read, handed on together when it completes.
    private var arrived: [MQTTClientMessage] = []
    /// The start of a packet whose end has not arrived yet.
    private var unread: ByteBuffer?
    private var decoder: MQTTPacketDecoder
    /// Told, once, that the connection ended, and why.
    private let closed: @Sendable (MQTTClientHandler, EMQXError) -> Void
    private var context: ChannelHandlerContext?
    private var connack: EventLoopPromise<MQTTPacket>?
    /// What waits for an acknowledgement, by packet identifier: PUBACK or PUBCOMP, SUBACK, UNSUBACK.
    private var waiting: [UInt16: EventLoopPromise<MQTTPacket>] = [:]
    /// QoS 2 messages delivered whose PUBREL has not come yet: a resent PUBLISH of one is not delivered twice.
    private var releasing: Set<UInt16> = []
    private var lastID: UInt16 = 0
    private var keepalive: RepeatedTask?
    private var failure: EMQXError?

    private let pinMismatch: PinMismatch

    init(
        version: MQTTVersion, deliver: @escaping @Sendable ([MQTTClientMessage]) -> Void,
        closed: @escaping @Sendable (MQTTClientHandler, EMQXError) -> Void, pinMismatch: PinMismatch
    ) {
        self.version = version
        self.deliver = deliver
        self.closed = closed
        self.pinMismatch = pinMismatch
        self.decoder = MQTTPacketDecoder(clientAt: version)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    /// Sends CONNECT; the future completes with the CONNACK, or fails after `timeout` (or at once when the
    /// connection has already failed, a TLS handshake say).
    func connect(_ packet: MQTTConnect, pingEvery seconds: Int, timeout: Duration) -> EventLoopFuture<MQTTPacket> {
        guard let context, failure == nil, context.channel.isActive else { return closedFuture() }
        let promise = context.eventLoop.makePromise(of: MQTTPacket.self)
        connack = promise
        let deadline = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            self?.fail(EMQXError(.timeout, "no CONNACK from the broker within \(timeout)"))
            self?.context?.close(promise: nil)
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        write(.connect(packet))
        if seconds > 0 {
            keepalive = context.eventLoop.scheduleRepeatedTask(
                initialDelay: .seconds(Int64(seconds)), delay: .seconds(Int64(seconds))
            ) { [weak self] _ in self?.write(.pingreq) }
        }
        return promise.futureResult
    }

    /// Sends a packet that takes a fresh packet identifier; the future completes with its acknowledgement, or fails
    /// after `timeout`.
    func request(timeout: Duration, _ make: (UInt16) -> MQTTPacket) -> EventLoopFuture<MQTTPacket> {
        guard let context, failure == nil else { return closedFuture() }
        let (packet, answer) = awaitAnswer(context, timeout: timeout, to: make)
        write(packet)
        return answer.futureResult
    }

    /// Writes publishes in one flush, for load: the future completes once they are written (QoS 0) or all
    /// acknowledged (QoS 1 and 2), and fails with the first refusal; `acknowledged` gets each one's round trip.
    func publish(
        burst messages: [MQTTMessage], timeout: Duration, acknowledged: @escaping @Sendable (Duration) -> Void
    ) -> EventLoopFuture<Void> {
        guard let context, failure == nil, context.channel.isActive else { return closedFuture().map { _ in } }
        var buffer = context.channel.allocator.buffer(
            capacity: messages.count * ((messages.first?.payload.count ?? 0) + 32))
        var answers: [EventLoopFuture<Void>] = []
        let sent = ContinuousClock.now
        for message in messages {
            guard message.qos > 0 else {
                MQTTPacket.publish(MQTTPublish(message: message)).encode(version: version, into: &buffer)
                continue
            }
            let (packet, answer) = awaitAnswer(context, timeout: timeout) {
                .publish(MQTTPublish(message: message, packetID: $0))
            }
            answers.append(
                answer.futureResult.flatMapThrowing { answer in
                    if case .ack(_, _, let code, _) = answer, code.isFailure {
                        throw EMQXError(.clientError, "the broker refused a message: \(MQTTClient.describe(code))")
                    }
                    acknowledged(.now - sent)
                })
            packet.encode(version: version, into: &buffer)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(buffer), promise: written)
        return answers.isEmpty ? written.futureResult : .andAllSucceed(answers, on: context.eventLoop)
    }

    /// The packet `make` builds with a fresh packet identifier, and the promise its answer completes, failed
    /// after `timeout` with the packet's name.
    private func awaitAnswer(
        _ context: ChannelHandlerContext, timeout: Duration, to make: (UInt16) -> MQTTPacket
    ) -> (MQTTPacket, EventLoopPromise<MQTTPacket>) {
        var id = lastID
        repeat { id = id == .max ? 1 : id + 1 } while waiting[id] != nil
        lastID = id
        let packet = make(id)
        let promise = context.eventLoop.makePromise(of: MQTTPacket.self)
        waiting[id] = promise
        let name = packet.name
        let deadline = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            self?.waiting.removeValue(forKey: id)?.fail(EMQXError(.timeout, "no answer to \(name) within \(timeout)"))
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        return (packet, promise)
    }

    /// Writes a packet that needs no answer (a QoS 0 PUBLISH, DISCONNECT, an acknowledgement).
    func write(_ packet: MQTTPacket) {
        guard let context, context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        packet.encode(version: version, into: &buffer)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }

    /// Reads the packets the bytes complete. A PUBLISH goes from its bytes to a message without the codec's
    /// general packet in between: it is what a busy subscription reads thousands of times a second.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard failure == nil else { return }
        var bytes = unwrapInboundIn(data)
        if var start = unread.take() {
            start.discardReadBytes()
            start.writeBuffer(&bytes)
            bytes = start
        }
        do {
            while let (header, body, _) = try MQTTPacketDecoder.split(&bytes) {
                var body = body
                if header >> 4 == MQTTPacketType.publish.rawValue {
                    let publish = try MQTTPacketDecoder.parsePublish(
                        flags: header & 0x0F, body: &body, isV5: version == .v5)
                    receive(publish)
                } else {
                    handle(try decoder.packet(header: header, body: &body), context: context)
                }
            }
        } catch {
            errorCaught(context: context, error: error)
            return
        }
        if bytes.readableBytes > 0 { unread = bytes }
    }

    private func handle(_ packet: MQTTPacket, context: ChannelHandlerContext) {
        switch packet {
        case .connack:
            connack?.succeed(packet)
            connack = nil
        case .publish(let publish):
            receive(publish)
        case .ack(.puback, let id, _, _), .ack(.pubcomp, let id, _, _), .suback(let id, _, _), .unsuback(let id, _, _):
            waiting.removeValue(forKey: id)?.succeed(packet)
        case .ack(.pubrec, let id, let code, _):
            if code.isFailure {
                waiting.removeValue(forKey: id)?.succeed(packet)
            } else {
                write(.ack(.pubrel, packetID: id, code: .success, properties: []))
            }
        case .ack(.pubrel, let id, _, _):
            releasing.remove(id)
            write(.ack(.pubcomp, packetID: id, code: .success, properties: []))
        case .pingresp:
            break
        case .disconnect(let code, _):
            fail(EMQXError(.network, "the broker closed the session: \(code) (0x\(String(code.rawValue, radix: 16)))"))
            context.close(promise: nil)
        default:
            fail(EMQXError(.invalidResponse, "the broker sent \(packet.name), which a client does not expect"))
            context.close(promise: nil)
        }
    }

    private func receive(_ publish: MQTTPublish) {
        if arrived.isEmpty { arrived.reserveCapacity(32) }
        let message = MQTTClientMessage(received: publish.message, at: .now)
        switch (publish.message.qos, publish.packetID) {
        case (1, let id?):
            arrived.append(message)
            write(.ack(.puback, packetID: id, code: .success, properties: []))
        case (2, let id?):
            if releasing.insert(id).inserted { arrived.append(message) }
            write(.ack(.pubrec, packetID: id, code: .success, properties: []))
        default:
            arrived.append(message)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let seen = pinMismatch.fingerprint {
            fail(EMQXError(.tls, "the broker's certificate does not match the pin (it showed \(seen))"))
        } else if error is NIOSSLError || error is BoringSSLError {
            fail(EMQXError(.tls, "TLS with the broker failed: \(error)"))
        } else if let error = error as? MQTTProtocolError {
            fail(EMQXError(.invalidResponse, "a malformed packet from the broker: \(error.message)"))
        } else {
            fail(EMQXError(.network, "the connection failed: \(error)"))
        }
        context.close(promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        handOn()
        context.fireChannelReadComplete()
    }

    private func handOn() {
        guard !arrived.isEmpty else { return }
        deliver(arrived)
        // The inbox keeps the array it is handed: a fresh one saves copying it back.
        arrived = []
    }

    func channelInactive(context: ChannelHandlerContext) {
        handOn()
        fail(EMQXError(.network, "the connection to the broker was closed"))
        keepalive?.cancel()
        closed(self, failure ?? EMQXError(.network, "the connection to the broker was closed"))
        context.fireChannelInactive()
    }

    /// Fails everything waiting with the first failure; later calls keep that one.
    private func fail(_ error: EMQXError) {
        let first = failure ?? error
        failure = first
        connack?.fail(first)
        connack = nil
        for promise in waiting.values { promise.fail(first) }
        waiting.removeAll()
    }

    private func closedFuture() -> EventLoopFuture<MQTTPacket> {
        let loop = context?.eventLoop ?? EventLoops.shared.any()
        return loop.makeFailedFuture(failure ?? EMQXError(.network, "the connection to the broker is closed"))
    }
}
