import NIOCore
import Synchronization

/// Closes an MQTT connection that has not sent CONNECT within a fixed time from opening, however it trickles bytes:
/// an absolute deadline, where a read timeout would restart with every byte.
final class ConnectDeadline: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let deadline: TimeAmount
    private let scheduled = Mutex<Scheduled<Void>?>(nil)

    init(deadline: TimeAmount) { self.deadline = deadline }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        let task = context.eventLoop.scheduleTask(in: deadline) { channel.close(promise: nil) }
        scheduled.withLock { $0 = task }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        scheduled.withLock { $0?.cancel() }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { context.fireChannelRead(data) }
}
