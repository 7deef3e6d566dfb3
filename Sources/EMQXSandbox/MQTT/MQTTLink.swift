import EMQXMQTT
import NIOCore
import Synchronization

/// One MQTT connection's channel, as the broker's actions address it: bytes to write and a close.
final class MQTTLink: Sendable {
    let channel: any Channel
    let version: MQTTVersion
    /// The client id the connection serves (assigned by the broker when the client sent none).
    let clientID: String
    /// The peer's address and port, as the client APIs report them.
    let peerAddress: String
    let peerPort: Int
    /// Bytes not yet handed to the event loop: one write and flush carries all that piled up meanwhile.
    private let pending = Mutex<ByteBuffer?>(nil)

    init(channel: any Channel, version: MQTTVersion, clientID: String) {
        self.channel = channel
        self.version = version
        self.clientID = clientID
        peerAddress = channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        peerPort = channel.remoteAddress?.port ?? 0
    }

    /// Writes encoded packets, in order with those written before.
    func write(_ bytes: ByteBuffer) {
        let first = pending.withLock { buffer -> Bool in
            guard var pending = buffer else {
                buffer = bytes
                return true
            }
            var bytes = bytes
            pending.writeBuffer(&bytes)
            buffer = pending
            return false
        }
        guard first else { return }
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

    /// Encodes and writes one packet (for the connection side's own answers, outside the broker's state).
    func send(_ packet: MQTTPacket) {
        var bytes = channel.allocator.buffer(capacity: 64)
        packet.encode(version: version, into: &bytes)
        write(bytes)
    }

    /// False while the peer reads slower than the broker writes.
    var isWritable: Bool { channel.isWritable }

    /// Closes the connection once everything written before is on the wire.
    func close() {
        let channel = self.channel
        // Runs after the flush `write` scheduled, so everything sent before is written first.
        channel.eventLoop.execute {
            channel.writeAndFlush(channel.allocator.buffer(capacity: 0)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }
}
