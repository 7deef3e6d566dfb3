import EMQXMQTT
import NIOCore
import OrderedCollections

/// What the broker decided for one connection in one step: bytes to write (packets already encoded, in order) and
/// whether to close it after them. Handing them over only queues them for the connection's event loop.
struct MQTTAction: Sendable {
    let link: MQTTLink
    var bytes: ByteBuffer
    var closes = false

    /// Writes the bytes, then closes the connection if asked.
    func perform() {
        if bytes.readableBytes > 0 { link.write(bytes) }
        if closes { link.close() }
    }
}

/// The actions a broker step collects, one per connection in the order connections were first addressed.
struct MQTTOutbox: Sendable {
    private var actions: OrderedDictionary<ObjectIdentifier, MQTTAction> = [:]
    private let allocator = ByteBufferAllocator()

    /// Encodes a packet for `link`; returns its size on the wire.
    @discardableResult
    mutating func send(_ packet: MQTTPacket, to link: MQTTLink) -> Int {
        let index = self.index(of: link, capacity: 256)
        // In place: a copy of the buffer taken out and put back would copy its bytes at every packet.
        let before = actions.values[index].bytes.writerIndex
        packet.encode(version: link.version, into: &actions.values[index].bytes)
        return actions.values[index].bytes.writerIndex - before
    }

    /// The position of `link`'s action, made when it has none yet.
    private mutating func index(of link: MQTTLink, capacity: Int) -> Int {
        let key = ObjectIdentifier(link)
        if let index = actions.index(forKey: key) { return index }
        return actions.updateValue(
            MQTTAction(link: link, bytes: allocator.buffer(capacity: capacity)), forKey: key, insertingAt: actions.count
        ).index
    }

    /// Sends a last packet, if any, then closes `link` once everything before it is written.
    mutating func close(_ link: MQTTLink, after packet: MQTTPacket? = nil) {
        if let packet { send(packet, to: link) }
        actions.values[index(of: link, capacity: 0)].closes = true
    }

    /// Hands what the step collected to the connections; the outbox is empty afterwards.
    ///
    /// It runs inside the broker's step, never after it: two connections' tasks (a publisher's, and a subscriber
    /// whose acknowledgement frees room for queued messages) could otherwise hand one subscriber's packets over in
    /// the other order, and deliver a publisher's messages out of order.
    mutating func flush() {
        for action in actions.values { action.perform() }
        actions = [:]
    }
}
