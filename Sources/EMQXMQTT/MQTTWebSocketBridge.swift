import NIOCore
import NIOWebSocket

/// Between WebSocket frames and the MQTT byte stream, for both ends of MQTT over WebSocket: binary frames in become
/// bytes for the packet decoder, bytes out become one binary frame each (masked by a client, as RFC 6455 asks);
/// pings are answered and a close frame closes the connection.
package final class MQTTWebSocketBridge: ChannelDuplexHandler, Sendable {
    package typealias InboundIn = WebSocketFrame
    package typealias InboundOut = ByteBuffer
    package typealias OutboundIn = ByteBuffer
    package typealias OutboundOut = WebSocketFrame

    /// Which end of the connection the bridge serves.
    package enum Role: Sendable { case client, server }

    private let role: Role

    package init(role: Role) { self.role = role }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .binary, .continuation, .text:
            context.fireChannelRead(wrapInboundOut(frame.unmaskedData))
        case .ping:
            context.writeAndFlush(wrapOutboundOut(self.frame(.pong, frame.unmaskedData)), promise: nil)
        case .connectionClose:
            context.close(promise: nil)
        default:
            break
        }
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(wrapOutboundOut(frame(.binary, unwrapOutboundIn(data))), promise: promise)
    }

    private func frame(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: role == .client ? .random() : nil, data: data)
    }
}
