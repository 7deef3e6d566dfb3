import NIOCore
import Synchronization

/// Caps the management API's open connections: one past the cap is closed as soon as it opens.
final class ConnectionCap: Sendable {
    let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// A handler for one connection's pipeline; it counts the connection while it is open.
    func handler() -> any RemovableChannelHandler { CountingHandler(cap: self) }

    private final class CountingHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
        typealias InboundIn = NIOAny
        let cap: ConnectionCap
        private let counted = Atomic<Bool>(false)

        init(cap: ConnectionCap) { self.cap = cap }

        func handlerAdded(context: ChannelHandlerContext) {
            let now = cap.open.wrappingAdd(1, ordering: .relaxed).newValue
            counted.store(true, ordering: .relaxed)
            if now > cap.limit { context.close(promise: nil) }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            if counted.exchange(false, ordering: .relaxed) { cap.open.wrappingSubtract(1, ordering: .relaxed) }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if counted.exchange(false, ordering: .relaxed) { cap.open.wrappingSubtract(1, ordering: .relaxed) }
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) { context.fireChannelRead(data) }
    }
}
