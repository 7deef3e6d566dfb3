import NIOCore
import Synchronization

/// The sending side of one MQTT connection, held by the broker state to deliver, acknowledge and close.
final class MQTTLink: Sendable {
    let channel: any Channel
    let version: MQTTVersion
    /// The client id the connection serves (assigned by the broker when the client sent none).
    let clientID: String
    /// The peer's address and port, as the client APIs report them.
    let peerAddress: String
    let peerPort: Int
    /// Packets encoded but not yet handed to the event loop: one write and flush carries all that piled up meanwhile.
    private let pending = Mutex<ByteBuffer?>(nil)

    init(channel: any Channel, version: MQTTVersion, clientID: String) {
        self.channel = channel
        self.version = version
        self.clientID = clientID
        peerAddress = channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        peerPort = channel.remoteAddress?.port ?? 0
    }

    /// Encodes and sends a packet, in order with those sent before; returns its size in bytes.
    @discardableResult
    func send(_ packet: MQTTPacket) -> Int {
        var size = 0
        let first = pending.withLock { buffer -> Bool in
            let isFirst = buffer == nil
            var bytes = buffer ?? channel.allocator.buffer(capacity: 256)
            let before = bytes.writerIndex
            packet.encode(version: version, into: &bytes)
            size = bytes.writerIndex - before
            buffer = bytes
            return isFirst
        }
        if first {
            let channel = self.channel
            channel.eventLoop.execute { [self] in
                if let bytes = self.pending.withLock({ buffer -> ByteBuffer? in
                    defer { buffer = nil }
                    return buffer
                }) {
                    channel.writeAndFlush(bytes, promise: nil)
                }
            }
        }
        return size
    }

    /// False while the peer reads slower than the broker writes.
    var isWritable: Bool { channel.isWritable }

    /// Sends a last packet (a DISCONNECT, or a refusing CONNACK) after what is pending, and closes once it is written.
    func close(after packet: MQTTPacket? = nil) {
        if let packet { send(packet) }
        let channel = self.channel
        // Runs after the flush `send` scheduled, so everything sent before is written first.
        channel.eventLoop.execute {
            channel.writeAndFlush(channel.allocator.buffer(capacity: 0)).whenComplete { _ in channel.close(promise: nil)
            }
        }
    }
}
