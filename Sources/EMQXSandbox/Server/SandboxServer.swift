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
    private let mqttListeners = Mutex<(plain: MQTTListener?, tls: MQTTListener?)>((nil, nil))

    public init(configuration: SandboxConfiguration = SandboxConfiguration()) throws {
        self.configuration = configuration
        self.state = SandboxState(
            nodeName: configuration.nodeName, mqttAuthentication: configuration.mqttAuthentication,
            log: configuration.log)
        self.authenticator = SandboxAuthenticator(configuration: configuration)
        self.certificate =
            configuration.useTLS ? try SandboxCertificate.loadOrCreate(directory: configuration.stateDirectory) : nil
    }

    /// Starts listening and returns once the port is bound.
    public func start() async throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            try await self.respond(to: request)
        }
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
            responder: responder, server: server,
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
        if let port = configuration.mqttPort {
            let listener = try await listenMQTT(port: port, tls: nil)
            mqttListeners.withLock { $0.plain = listener }
        }
        if let port = configuration.mqttTLSPort, let certificate {
            let context = try NIOSSLContext(configuration: try certificate.serverTLSConfiguration())
            let listener = try await listenMQTT(port: port, tls: context)
            mqttListeners.withLock { $0.tls = listener }
        }
    }

    private func listenMQTT(port: Int, tls: NIOSSLContext?) async throws -> MQTTListener {
        do {
            return try await MQTTListener.start(
                host: configuration.host, port: port, tls: tls, state: state,
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
            defer { current = (nil, nil) }
            return current
        }
        await listeners.plain?.stop()
        await listeners.tls?.stop()
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
    public var mqttPort: Int { mqttListeners.withLock { $0.plain?.port ?? 0 } }

    /// The MQTT-over-TLS listener's port, once started (0 when there is none).
    public var mqttTLSPort: Int { mqttListeners.withLock { $0.tls?.port ?? 0 } }

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

    func respond(to request: Request) async throws -> Response {
        let target = request.head.path ?? "/"
        let (path, queryText) = target.splitOnce("?")
        let rawSegments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let method = request.method.rawValue
        guard rawSegments.first == "api" else { return render(.text("Not Found", status: 404)) }
        let isV5 = rawSegments.count >= 2 && rawSegments[1] == "v5"
        let isV4 = !isV5
        guard configuration.generations.contains(isV5 ? .v5 : .v4) else {
            return render(.text("Not Found", status: 404))
        }
        let dropped = rawSegments.count >= 2 && (rawSegments[1] == "v5" || rawSegments[1] == "v4") ? 2 : 1
        // The v5 health check needs no credentials.
        if isV5, rawSegments.count == 3, rawSegments[2] == "status" {
            return render(.text("Node \(configuration.nodeName) is started\nemqx is running", status: 200))
        }
        switch authenticator.check(authorization: request.headers[.authorization], method: method, uri: target) {
        case .accepted: break
        case .refused(let challenges):
            let headers = challenges.map { ("WWW-Authenticate", $0) }
            if isV4 {
                let basic = challenges.isEmpty ? [("WWW-Authenticate", "Basic Realm=\"minirest-server\"")] : headers
                return render(.text("UNAUTHORIZED", status: 401, headers: basic))
            }
            var response = SandboxResponse.json(
                ["code": "BAD_API_KEY_OR_SECRET", "message": "Check api_key/api_secret"], status: 401)
            response.headers += headers
            return render(response)
        }
        var segments: [String] = []
        for raw in rawSegments.dropFirst(dropped) {
            guard let decoded = raw.removingPercentEncoding else {
                return render(
                    isV4
                        ? .json(["code": 108, "message": "bad percent-encoding in path"])
                        : .json(
                            ["code": "BAD_REQUEST", "message": "bad percent-encoding in path"], status: 400))
            }
            segments.append(decoded)
        }
        var query: [(name: String, value: String)] = []
        for pair in queryText.split(separator: "&") where !pair.isEmpty {
            let (name, value) = String(pair).splitOnce("=")
            query.append((decodeQuery(name), decodeQuery(value)))
        }
        let body = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let sandboxRequest = SandboxRequest(method: method, segments: segments, query: query, body: Array(buffer: body))
        let response = isV5 ? await state.handleV5(sandboxRequest) : await state.handleV4(sandboxRequest)
        return render(response)
    }

    private func decodeQuery(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }

    private func render(_ response: SandboxResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in response.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: .init(code: response.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}

/// A sandbox that could not start.
public struct SandboxError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

extension String {
    func splitOnce(_ separator: Character) -> (String, String) {
        guard let cut = firstIndex(of: separator) else { return (self, "") }
        return (String(self[..<cut]), String(self[self.index(after: cut)...]))
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
