import NIOCore

/// The sending side of one MQTT connection, held by the broker state to deliver, acknowledge and close.
final class MQTTLink: Sendable {
    let channel: any Channel
    let version: MQTTVersion
    /// The peer's address and port, as the client APIs report them.
    let peerAddress: String
    let peerPort: Int

    init(channel: any Channel, version: MQTTVersion) {
        self.channel = channel
        self.version = version
        peerAddress = channel.remoteAddress?.ipAddress ?? "127.0.0.1"
        peerPort = channel.remoteAddress?.port ?? 0
    }

    /// Encodes and sends a packet; returns its size in bytes.
    @discardableResult
    func send(_ packet: MQTTPacket) -> Int {
        var buffer = channel.allocator.buffer(capacity: 64)
        packet.encode(version: version, into: &buffer)
        let size = buffer.readableBytes
        channel.writeAndFlush(buffer, promise: nil)
        return size
    }

    /// False while the peer reads slower than the broker writes.
    var isWritable: Bool { channel.isWritable }

    /// Sends a last packet (a DISCONNECT, or a refusing CONNACK) and closes once it is written.
    func close(after packet: MQTTPacket? = nil) {
        let channel = self.channel
        guard let packet else {
            channel.close(promise: nil)
            return
        }
        var buffer = channel.allocator.buffer(capacity: 16)
        packet.encode(version: version, into: &buffer)
        channel.writeAndFlush(buffer).whenComplete { _ in channel.close(promise: nil) }
    }
}
