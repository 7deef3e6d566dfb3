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
    typealias InboundIn = MQTTFrame

    let version: MQTTVersion
    private let deliver: AsyncStream<MQTTClientMessage>.Continuation
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

    init(version: MQTTVersion, deliver: AsyncStream<MQTTClientMessage>.Continuation, pinMismatch: PinMismatch) {
        self.version = version
        self.deliver = deliver
        self.pinMismatch = pinMismatch
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
        var id = lastID
        repeat { id = id == .max ? 1 : id + 1 } while waiting[id] != nil
        lastID = id
        let promise = context.eventLoop.makePromise(of: MQTTPacket.self)
        waiting[id] = promise
        let packet = make(id)
        let deadline = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            self?.waiting.removeValue(forKey: id)?.fail(
                EMQXError(.timeout, "no answer to \(packet.name) within \(timeout)"))
        }
        promise.futureResult.whenComplete { _ in deadline.cancel() }
        write(packet)
        return promise.futureResult
    }

    /// Writes a packet that needs no answer (a QoS 0 PUBLISH, DISCONNECT, an acknowledgement).
    func write(_ packet: MQTTPacket) {
        guard let context, context.channel.isActive else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        packet.encode(version: version, into: &buffer)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = unwrapInboundIn(data).packet
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
        let message = MQTTClientMessage(received: publish.message, at: .now)
        switch (publish.message.qos, publish.packetID) {
        case (1, let id?):
            deliver.yield(message)
            write(.ack(.puback, packetID: id, code: .success, properties: []))
        case (2, let id?):
            if releasing.insert(id).inserted { deliver.yield(message) }
            write(.ack(.pubrec, packetID: id, code: .success, properties: []))
        default:
            deliver.yield(message)
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

    func channelInactive(context: ChannelHandlerContext) {
        fail(EMQXError(.network, "the connection to the broker was closed"))
        keepalive?.cancel()
        deliver.finish()
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
        let loop = context?.eventLoop ?? MultiThreadedEventLoopGroup.singleton.any()
        return loop.makeFailedFuture(failure ?? EMQXError(.network, "the connection to the broker is closed"))
    }
}
