import EMQXMQTT
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// MQTT over a WebSocket (`ws://`, `wss://`), as EMQX serves it on 8083 and 8084: an HTTP upgrade asking for the
/// `mqtt` subprotocol, then each MQTT packet's bytes in binary frames.
enum MQTTWebSocketTransport {
    /// Sets a fresh channel up for the upgrade and sends the request; the future says whether the server switched
    /// to WebSocket, and by then `addMQTT` has put the MQTT handlers behind the frames.
    static func configure(
        _ channel: any Channel, host: String, port: Int, path: String,
        addMQTT: @escaping @Sendable (any Channel) throws -> Void
    ) throws -> EventLoopFuture<Bool> {
        // An MQTT packet is one frame here, and a packet can be far larger than NIO's 16 KiB default.
        let upgrader = NIOTypedWebSocketClientUpgrader<Bool>(maxFrameSize: 1 << 28) { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(MQTTWebSocketBridge(role: .client))
                try addMQTT(channel)
                return true
            }
        }
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
        headers.add(name: "Sec-WebSocket-Protocol", value: "mqtt")
        headers.add(name: "Content-Length", value: "0")
        let upgrade = NIOTypedHTTPClientUpgradeConfiguration(
            upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers),
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(false) })
        return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
            configuration: .init(upgradeConfiguration: upgrade))
    }
}
