import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#endif

/// Gathers one response at a time on a connection, within the size limit, and completes the exchange waiting for it.
///
/// Touched only on its channel's event loop (`@unchecked Sendable` for the callbacks that run there).
final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart

    let maximumBodyBytes: Int
    private var outcome: OneShot?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    /// Whether the last complete answer lets the connection be used again.
    private(set) var keepAlive = false

    private let pinMismatch: PinMismatch
    /// What the pipeline reported while no exchange waited, such as a TLS handshake that failed as the connection
    /// opened: the exchange then begun ends with it, not with the closed connection it left (which is what the
    /// request's write would report, first or not, depending on timing).
    private var earlyError: EMQXError?

    init(maximumBodyBytes: Int, pinMismatch: PinMismatch) {
        self.maximumBodyBytes = maximumBodyBytes
        self.pinMismatch = pinMismatch
    }

    /// The next response on this connection completes `outcome`.
    func begin(_ outcome: OneShot) {
        if let earlyError {
            return outcome.fail(
                NIOHTTPTransport.ExchangeFailure(error: earlyError, connectionWasGone: true, notSent: true))
        }
        self.outcome = outcome
        head = nil
        body = nil
        keepAlive = false
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
            if let length = received.headers.first(name: "content-length").flatMap(Int.init) {
                if length > maximumBodyBytes {
                    return finish(context, EMQXError.responseTooLarge(limit: maximumBodyBytes, announced: length))
                }
                // One buffer of the announced size: a large page is not copied again each time the buffer grows.
                body = context.channel.allocator.buffer(capacity: length)
            }
        case .body(var part):
            guard outcome != nil else { return }
            if (body?.readableBytes ?? 0) + part.readableBytes > maximumBodyBytes {
                return finish(context, EMQXError.responseTooLarge(limit: maximumBodyBytes, announced: nil))
            }
            if body == nil { body = part } else { body!.writeBuffer(&part) }
        case .end:
            guard let head, let outcome else { return }
            keepAlive = head.isKeepAlive
            self.outcome = nil
            outcome.succeed(
                TransportResponse(
                    status: Int(head.status.code), headers: head.headers.map { HTTPHeader($0.name, $0.value) },
                    body: body.map { Array(buffer: $0) } ?? []))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let mapped =
            pinMismatch.fingerprint.map {
                EMQXError(.tls, "TLS: the server's certificate (SHA-256 \($0)) does not match the pinned fingerprint")
            } ?? TransportErrorMapper.map(error)
        if outcome == nil, earlyError == nil { earlyError = mapped }
        if pinMismatch.fingerprint != nil { return finish(context, mapped) }
        // A reset before any answer is how a server's closing of an idle kept-alive connection often shows.
        let reset = (error as? IOError).map { $0.errnoCode == ECONNRESET || $0.errnoCode == EPIPE } ?? false
        finish(context, mapped, connectionWasGone: reset)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let message =
            head == nil
            ? "the server closed the connection before answering"
            : "the server closed the connection before the whole answer arrived"
        finish(context, EMQXError(.network, message), connectionWasGone: true)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard case IdleStateHandler.IdleStateEvent.read = event else {
            return context.fireUserInboundEventTriggered(event)
        }
        // Silent past the read timeout: waiting for an answer is a timeout; idle in the pool, it is simply closed.
        finish(context, EMQXError(.timeout, "timed out waiting for the server's answer (the read time limit)"))
        context.close(promise: nil)
    }

    private func finish(_ context: ChannelHandlerContext, _ error: EMQXError, connectionWasGone: Bool = false) {
        guard let outcome else { return }
        self.outcome = nil
        outcome.fail(
            NIOHTTPTransport.ExchangeFailure(
                error: error, connectionWasGone: connectionWasGone && head == nil, notSent: false))
        context.close(promise: nil)
    }
}
