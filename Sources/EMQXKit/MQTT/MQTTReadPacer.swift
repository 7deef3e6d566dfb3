import Glibc
import NIOCore

/// After a read that brought a busy stream's worth, holds the connection's thread for a moment before the next
/// (see ``MQTTClientOptions/busyReadPause``); a quiet connection, whose reads bring little, is read at once.
///
/// The thread sleeps rather than scheduling the read for later: a timer costs a re-registration with epoll per
/// read and measured no better than reading at once, while the sleep leaves the socket registered and lets the
/// broker's writes land without waking anyone.
final class MQTTReadPacer: ChannelDuplexHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What one read cycle must bring for the next to wait: a few dozen small messages.
    static let busyBytes = 512

    private let pauseMicroseconds: UInt32
    /// Bytes since the last read was asked for; touched on the event loop only.
    private var bytesSinceRead = 0

    init(pause: Duration) {
        let (seconds, attoseconds) = pause.components
        pauseMicroseconds = UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        bytesSinceRead += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }

    func read(context: ChannelHandlerContext) {
        if bytesSinceRead >= Self.busyBytes { usleep(pauseMicroseconds) }
        bytesSinceRead = 0
        context.read()
    }
}
