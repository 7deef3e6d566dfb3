import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// The production transport: HTTP/1.1 over SwiftNIO with a keep-alive pool per deployment.
///
/// Written on NIO directly rather than on an HTTP client library so that each rule is the
/// client's own: one deadline covers connecting, the TLS handshake, the headers and the whole
/// body; a pinned certificate is checked in the TLS verification callback of every connection
/// the pool opens; redirects are answers, never followed; the body size is capped as it arrives.
public final class NIOHTTPTransport: HTTPTransport {
    private let origin: (host: String, port: Int, isTLS: Bool)
    /// The `Host` header every request sends: the port only when it is not the scheme's own.
    private let hostHeader: String
    private let timeouts: Timeouts
    private let maximumBodyBytes: Int
    private let tls: NIOSSLContext?
    private let pin: String?
    private let idle = Mutex<[any Channel]>([])
    private static let maximumIdleConnections = 16

    /// Prepares the pool for a deployment; connections open on first use.
    ///
    /// - Throws: `invalidArgument` when the CA file cannot be read, `tls` when no TLS context can be made.
    public init(deployment: Deployment) throws(EMQXError) {
        origin = (deployment.baseURL.host, deployment.baseURL.port, deployment.baseURL.isTLS)
        let host = origin.host.utf8.contains(UInt8(ascii: ":")) ? "[\(origin.host)]" : origin.host
        hostHeader = origin.port == (origin.isTLS ? 443 : 80) ? host : "\(host):\(origin.port)"
        timeouts = deployment.timeouts
        maximumBodyBytes = deployment.maximumResponseBytes
        pin = deployment.tls.normalizedPin
        tls = deployment.baseURL.isTLS ? try ClientTLS.context(deployment.tls) : nil
    }

    /// Sends one request; the deployment's total time limit covers everything up to the body's last byte.
    public func send(_ request: TransportRequest) async throws(EMQXError) -> TransportResponse {
        if Task.isCancelled { throw EMQXError(.cancelled, "the request was cancelled") }
        let bytes = try HTTPRequestBytes.make(
            request, target: Self.target(of: request.url), host: hostHeader, allocator: ByteBufferAllocator())
        // A kept-alive connection the server has closed in the meantime fails before any answer: one more try on a
        // new connection (for a POST only when the request surely did not leave).
        if let reused = takeIdle() {
            do {
                return try await exchange(bytes, on: reused)
            } catch let failure as ExchangeFailure
                where failure.connectionWasGone && (failure.notSent || request.method != .post)
            {
            } catch let failure as ExchangeFailure {
                throw failure.error
            } catch {
                throw TransportErrorMapper.map(error)
            }
        }
        do {
            return try await exchange(bytes, on: nil)
        } catch let failure as ExchangeFailure {
            throw failure.error
        } catch {
            throw TransportErrorMapper.map(error)
        }
    }

    /// Closes every pooled connection, having said so to the server (TLS close_notify); call once, when done.
    public func shutdown() async {
        let channels = idle.withLock { list -> [any Channel] in
            defer { list.removeAll() }
            return list
        }
        for channel in channels {
            // Our close_notify goes out and the write side closes; the server's answering close_notify is not waited
            // for (curl does not wait either): a one-shot `emqxsh -c` would spend a round trip on it at exit.
            try? await channel.close(mode: .output)
            channel.close(promise: nil)
        }
    }

    // MARK: One exchange

    /// Why an exchange failed, and whether the connection was found closed before any answer (a kept-alive
    /// connection the server let go: the request may go again on a new one, once).
    struct ExchangeFailure: Error {
        var error: EMQXError
        var connectionWasGone: Bool
        var notSent: Bool
    }

    private func exchange(_ request: ByteBuffer, on reused: (any Channel)?) async throws -> TransportResponse {
        let loop = reused?.eventLoop ?? EventLoops.shared.any()
        let outcome = OneShot(loop.makePromise(of: TransportResponse.self))
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { continuation in
                // Everything the exchange sets up is done on the loop, in one hop from this thread: each future
                // call made from off the loop is a hop of its own, a lock and perhaps a wake-up of the loop's thread.
                loop.execute {
                    self.start(request, on: reused, loop: loop, outcome: outcome)
                    // After `start`: a kept-alive connection's answer then gives the connection back before this
                    // task resumes, and the script's next request finds it instead of opening another.
                    outcome.promise.futureResult.whenComplete { continuation.resume(with: $0) }
                }
            }
        } onCancel: {
            outcome.fail(EMQXError(.cancelled, "the request was cancelled"))
        }
    }

    /// Arms the deadline and writes the request on `reused`, or on a new connection; runs on `loop`.
    private func start(_ request: ByteBuffer, on reused: (any Channel)?, loop: any EventLoop, outcome: OneShot) {
        let deadline = loop.scheduleTask(in: TimeAmount(timeouts.total)) {
            outcome.fail(
                EMQXError(
                    .timeout,
                    "the server did not send its whole answer within \(self.timeouts.total.secondsText) (the "
                        + "total time limit)"
                ))
        }
        outcome.promise.futureResult.whenComplete { _ in deadline.cancel() }
        let channelFuture: EventLoopFuture<any Channel> =
            reused.map { loop.makeSucceededFuture($0) } ?? connect(on: loop)
        channelFuture.whenComplete { result in
            switch result {
            case .failure(let error):
                outcome.fail(error)
            case .success(let channel):
                // The deadline, Ctrl-C or the server may end the exchange: each closes this connection.
                outcome.promise.futureResult.whenFailure { _ in channel.close(promise: nil) }
                guard !outcome.isDone else { return channel.close(promise: nil) }
                self.write(request, on: channel, outcome: outcome)
            }
        }
    }

    private func write(_ request: ByteBuffer, on channel: any Channel, outcome: OneShot) {
        let connection: HTTPClientConnection
        do { connection = try channel.pipeline.syncOperations.handler(type: HTTPClientConnection.self) } catch {
            return outcome.fail(error)
        }
        connection.begin(outcome)
        let sent = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(request, promise: sent)
        sent.futureResult.whenFailure { error in
            outcome.fail(
                ExchangeFailure(error: TransportErrorMapper.map(error), connectionWasGone: true, notSent: true))
        }
        outcome.promise.futureResult.whenSuccess { [self] _ in
            if connection.keepAlive, channel.isActive { giveBack(channel) } else { channel.close(promise: nil) }
        }
    }

    /// `/api/v5/clients?page=2` from `https://host:8443/api/v5/clients?page=2`.
    static func target(of url: String) -> String {
        guard let scheme = url.firstUTF8Range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
    }

    // MARK: Connections

    private func connect(on loop: any EventLoop) -> EventLoopFuture<any Channel> {
        let tls = self.tls
        let pin = self.pin
        let host = origin.host
        let limit = maximumBodyBytes
        let serverName = ClientTLS.serverName(host)
        return ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(timeouts.connect))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    let mismatch = PinMismatch()
                    if let tls {
                        try pipeline.addHandler(
                            ClientTLS.handler(tls, host: serverName, pin: pin, mismatch: mismatch))
                    }
                    try pipeline.addHandler(
                        HTTPClientConnection(
                            maximumBodyBytes: limit, readTimeout: TimeAmount(self.timeouts.read), pinMismatch: mismatch)
                    )
                }
            }
            .connect(host: host, port: origin.port)
            .flatMapErrorThrowing { error in
                throw ExchangeFailure(error: TransportErrorMapper.map(error), connectionWasGone: false, notSent: true)
            }
    }

    private func takeIdle() -> (any Channel)? {
        idle.withLock { list in
            while let channel = list.popLast() {
                if channel.isActive { return channel }
            }
            return nil
        }
    }

    private func giveBack(_ channel: any Channel) {
        let kept = idle.withLock { list -> Bool in
            guard list.count < Self.maximumIdleConnections else { return false }
            list.append(channel)
            return true
        }
        if !kept { channel.close(promise: nil) }
    }
}

/// The fingerprint a connection's server showed when it did not match the pin, for the error message.
final class PinMismatch: Sendable {
    private let seen = Mutex<String?>(nil)
    func record(_ fingerprint: String) { seen.withLock { $0 = fingerprint } }
    var fingerprint: String? { seen.withLock { $0 } }
}

/// A promise completed once, by whichever comes first: the answer, an error, the deadline or a cancellation.
final class OneShot: Sendable {
    let promise: EventLoopPromise<TransportResponse>
    private let done = Atomic<Bool>(false)

    init(_ promise: EventLoopPromise<TransportResponse>) { self.promise = promise }

    var isDone: Bool { done.load(ordering: .acquiring) }

    func succeed(_ response: TransportResponse) {
        if !done.exchange(true, ordering: .acquiringAndReleasing) { promise.succeed(response) }
    }

    func fail(_ error: any Error) {
        if !done.exchange(true, ordering: .acquiringAndReleasing) { promise.fail(error) }
    }
}
