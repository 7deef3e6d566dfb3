import EMQXMQTT
import NIOCore
import NIOPosix
import NIOSSL

/// A TCP (or TLS) port accepting MQTT connections for a sandbox's state.
final class MQTTListener: Sendable {
    /// The port the OS gave, or the one asked for.
    let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// Binds and starts accepting; each connection is served by its own task until it closes or the listener stops.
    static func start(
        id: String, host: String, port: Int, tls: NIOSSLContext?, state: SandboxState, connectTimeout: TimeAmount,
        log: @escaping @Sendable (String) -> Void
    ) async throws -> MQTTListener {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            // Room for bursts to a slow reader before QoS 0 messages are dropped, as EMQX's message queue gives.
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 1 << 20, high: 8 << 20))
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    // CONNECT must arrive within the deadline from opening (trickled bytes do not extend it), then the
                    // keepalive rules: MQTTConnection swaps this handler for the keepalive's.
                    try pipeline.addHandler(
                        ConnectDeadline(deadline: connectTimeout), name: MQTTConnection.keepaliveHandlerName)
                    if let tls { try pipeline.addHandler(NIOSSLServerHandler(context: tls)) }
                    try pipeline.addHandler(ByteToMessageHandler(MQTTPacketDecoder()))
                    try pipeline.addHandler(IdleCloser())
                    try pipeline.addHandler(MQTTFrameBatcher())
                    return try NIOAsyncChannel<[MQTTFrame], ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        let task = Task<Void, Never> {
            await withDiscardingTaskGroup { group in
                try? await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask {
                            await MQTTConnection(connection: connection, state: state, listenerID: id, log: log).serve()
                        }
                    }
                }
            }
        }
        return MQTTListener(port: boundPort, task: task)
    }

    /// Closes the port and every connection, and waits until they are gone.
    func stop() async {
        task.cancel()
        await task.value
    }
}

/// Closes a connection whose peer stayed silent past its keepalive.
private final class IdleCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = MQTTFrame

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.read = event {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
