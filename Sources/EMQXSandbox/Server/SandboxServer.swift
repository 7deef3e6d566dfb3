import EMQXJSON
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import Synchronization

/// A local EMQX-compatible deployment serving the v4 API (under `/api/v4` and Cloud's `/api`) and the v5 API
/// (`/api/v5`).
public final class Sandbox: Sendable {
    public let configuration: SandboxConfiguration
    /// The deployment's data; tests seed it directly.
    public let state: SandboxState
    /// The certificate, when serving HTTPS.
    public let certificate: SandboxCertificate?
    private let authenticator: SandboxAuthenticator
    private let running = Mutex<(task: Task<Void, any Error>, port: Int)?>(nil)
    /// The MQTT listeners by type: `tcp`, `ssl`, `ws`, `wss`.
    private let mqttListeners = Mutex<[String: MQTTListener]>([:])

    public init(configuration: SandboxConfiguration = SandboxConfiguration()) throws {
        self.configuration = configuration
        let dashboard = DashboardAccess(
            username: configuration.dashboardUsername, password: configuration.dashboardPassword)
        self.state = SandboxState(
            nodeName: configuration.nodeName, mqttAuthentication: configuration.mqttAuthentication,
            dashboard: dashboard, log: configuration.log)
        self.authenticator = SandboxAuthenticator(configuration: configuration, dashboard: dashboard)
        self.certificate =
            configuration.useTLS ? try SandboxCertificate.loadOrCreate(directory: configuration.stateDirectory) : nil
    }

    /// Starts listening and returns once the port is bound.
    public func start() async throws {
        // An idle connection is closed, and past the cap new ones are: a client cannot hold the API's sockets.
        let cap = ConnectionCap(limit: configuration.maximumHTTPConnections)
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [cap.handler()], idleTimeout: TimeAmount(configuration.httpIdleTimeout))
        let server: HTTPServerBuilder
        if let certificate {
            server = try .tls(.http1(configuration: http), tlsConfiguration: try certificate.serverTLSConfiguration())
        } else {
            server = .http1(configuration: http)
        }
        var logger = Logger(label: "emqxsh.sandbox")
        logger.logLevel = .critical
        let bound = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router(), server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                bound.continuation.yield(channel.localAddress?.port ?? 0)
                bound.continuation.finish()
            },
            logger: logger
        )
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in bound.stream { port = value }
        guard port > 0 else {
            task.cancel()
            throw SandboxError(message: "the sandbox could not listen on \(configuration.host):\(configuration.port)")
        }
        running.withLock { $0 = (task, port) }
        do {
            try await startMQTT()
        } catch {
            await stop()
            throw error
        }
    }

    private func startMQTT() async throws {
        let tls = try certificate.map { try NIOSSLContext(configuration: try $0.serverTLSConfiguration()) }
        // As EMQX's default listeners: tcp and ssl, ws and wss (the secure ones only with the sandbox's certificate).
        let listeners: [(type: String, port: Int?, tls: NIOSSLContext?, path: String?)] = [
            ("tcp", configuration.mqttPort, nil, nil),
            ("ssl", tls == nil ? nil : configuration.mqttTLSPort, tls, nil),
            ("ws", configuration.mqttWebSocketPort, nil, "/mqtt"),
            ("wss", tls == nil ? nil : configuration.mqttSecureWebSocketPort, tls, "/mqtt"),
        ]
        for (type, port, tls, path) in listeners {
            guard let port else { continue }
            let listener = try await listenMQTT(id: "\(type):default", port: port, tls: tls, webSocketPath: path)
            mqttListeners.withLock { $0[type] = listener }
            await state.addListener(ListenerRecord(type: type, name: "default", bind: bind(listener.port)))
        }
    }

    private func bind(_ port: Int) -> String { "\(configuration.host):\(port)" }

    private func listenMQTT(
        id: String, port: Int, tls: NIOSSLContext?, webSocketPath: String?
    ) async throws
        -> MQTTListener
    {
        do {
            return try await MQTTListener.start(
                id: id, host: configuration.host, port: port, tls: tls, webSocketPath: webSocketPath, state: state,
                connectTimeout: TimeAmount(configuration.mqttConnectTimeout), log: configuration.log)
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw SandboxError(
                message: "the sandbox could not listen for MQTT on \(configuration.host):\(port): the port is in use")
        } catch {
            throw SandboxError(
                message: "the sandbox could not listen for MQTT on \(configuration.host):\(port): \(error)")
        }
    }

    /// Stops the server and waits until its port is closed.
    public func stop() async {
        let listeners = mqttListeners.withLock { current in
            defer { current = [:] }
            return current
        }
        for listener in listeners.values { await listener.stop() }
        guard
            let current = running.withLock({ state -> (task: Task<Void, any Error>, port: Int)? in
                defer { state = nil }
                return state
            })
        else { return }
        current.task.cancel()
        _ = try? await current.task.value
    }

    /// Makes every Digest nonce issued so far stale, as if its lifetime had run out.
    public func expireDigestNonces() {
        authenticator.expireNonces()
    }

    /// The port the API listens on, once started.
    public var port: Int { running.withLock { $0?.port ?? 0 } }

    /// The MQTT listener's port, once started (0 when there is none).
    public var mqttPort: Int { mqttListeners.withLock { $0["tcp"]?.port ?? 0 } }

    /// The MQTT-over-TLS listener's port, once started (0 when there is none).
    public var mqttTLSPort: Int { mqttListeners.withLock { $0["ssl"]?.port ?? 0 } }

    /// The MQTT-over-WebSocket listener's port (path `/mqtt`), once started (0 when there is none).
    public var mqttWebSocketPort: Int { mqttListeners.withLock { $0["ws"]?.port ?? 0 } }

    /// The MQTT-over-secure-WebSocket listener's port (path `/mqtt`), once started (0 when there is none).
    public var mqttSecureWebSocketPort: Int { mqttListeners.withLock { $0["wss"]?.port ?? 0 } }

    /// The base URL for a generation: `https://127.0.0.1:PORT/api/v5`, `/api/v4`, or Cloud's `/api`.
    public func baseURL(_ style: APIStyle) -> String {
        "\(configuration.useTLS ? "https" : "http")://\(configuration.host):\(port)\(style.rawValue)"
    }

    /// The three base paths the sandbox serves.
    public enum APIStyle: String, Sendable, CaseIterable {
        case v5 = "/api/v5"
        case v4 = "/api/v4"
        /// EMQX Cloud's v4 base: `/api` with no version.
        case cloudV4 = "/api"
    }

    /// The management API: a gate (generation, credentials, paths) before each generation's routes.
    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        let book = configuration.servesOpenAPIDocument ? RouteBook() : nil
        router.add(
            middleware: APIGate(
                authenticator: authenticator, generations: configuration.generations, description: book,
                documentFile: configuration.openAPIDocumentFile, release: SandboxConfiguration.release))
        if configuration.generations.contains(.v5) {
            V5Routes.register(APIRoutes(group: router.group("api/v5"), state: state, generation: .v5, book: book))
        }
        if configuration.generations.contains(.v4) {
            for base in ["api/v4", "api"] {
                V4Routes.register(APIRoutes(group: router.group(RouterPath(base)), state: state, generation: .v4))
            }
        }
        return router
    }
}

/// A sandbox that could not start.
public struct SandboxError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
