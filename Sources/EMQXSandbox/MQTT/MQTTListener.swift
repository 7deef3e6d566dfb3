import EMQXMQTT
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// A TCP (or TLS) port accepting MQTT connections for a sandbox's state, straight or over WebSocket.
final class MQTTListener: Sendable {
    /// The port the OS gave, or the one asked for.
    let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// The connection's MQTT side, once it has one (a WebSocket connection only after its upgrade).
    typealias Connection = NIOAsyncChannel<[MQTTFrame], ByteBuffer>

    /// Binds and starts accepting; each connection is served by its own task until it closes or the listener stops.
    /// With `webSocketPath`, a connection is an HTTP request to upgrade that path to a WebSocket with the `mqtt`
    /// subprotocol, as EMQX's `ws` and `wss` listeners take.
    static func start(
        id: String, host: String, port: Int, tls: NIOSSLContext?, webSocketPath: String? = nil, state: SandboxState,
        connectTimeout: TimeAmount, log: @escaping @Sendable (String) -> Void
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
                    guard let webSocketPath else {
                        return channel.eventLoop.makeSucceededFuture(Optional(try mqttSide(of: channel)))
                    }
                    return try upgrade(channel, path: webSocketPath)
                }
            }
        let boundPort = server.channel.localAddress?.port ?? port
        let task = Task<Void, Never> {
            await withDiscardingTaskGroup { group in
                try? await server.executeThenClose { connections in
                    for try await upgrading in connections {
                        group.addTask {
                            guard let connection = try? await upgrading.get() else { return }
                            await MQTTConnection(connection: connection, state: state, listenerID: id, log: log).serve()
                        }
                    }
                }
            }
        }
        return MQTTListener(port: boundPort, task: task)
    }

    /// Adds the MQTT handlers to a connection's pipeline (after the WebSocket bridge, when there is one).
    private static func mqttSide(of channel: any Channel) throws -> Connection {
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(ByteToMessageHandler(MQTTPacketDecoder()))
        try pipeline.addHandler(IdleCloser())
        try pipeline.addHandler(MQTTFrameBatcher())
        return try Connection(wrappingChannelSynchronously: channel)
    }

    /// Serves the HTTP upgrade of `path` to a WebSocket; the future has the MQTT side, or nil for any other request
    /// (answered and closed).
    private static func upgrade(_ channel: any Channel, path: String) throws -> EventLoopFuture<Connection?> {
        let upgrader = NIOTypedWebSocketServerUpgrader<Connection?>(
            maxFrameSize: 1 << 28,
            shouldUpgrade: { channel, head in
                guard head.uri.split(separator: "?").first.map(String.init) == path else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
                var headers = HTTPHeaders()
                // EMQX answers with the subprotocol a client asks for: mqtt (or mqttv3.1).
                let asked = head.headers["Sec-WebSocket-Protocol"].flatMap { $0.split(separator: ",") }
                if let chosen = asked.map({ $0.filter { $0 != " " } }).first(where: { $0.hasPrefix("mqtt") }) {
                    headers.add(name: "Sec-WebSocket-Protocol", value: chosen)
                }
                return channel.eventLoop.makeSucceededFuture(headers)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(MQTTWebSocketBridge(role: .server))
                    return Optional(try mqttSide(of: channel))
                }
            })
        let configuration = NIOTypedHTTPServerUpgradeConfiguration<Connection?>(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.close(promise: nil)
                return channel.eventLoop.makeSucceededFuture(nil)
            })
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(
            configuration: .init(upgradeConfiguration: configuration))
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
