import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 connection's client side, above TLS: reads one answer at a time within the size limit, completes
/// the exchange waiting for it, and closes the connection when the server is silent past the read time limit.
///
/// One handler, not NIOHTTP1's encoder, decoder and idle-state handlers: see ``HTTPResponseParser`` for why. The
/// request goes out as bytes ``HTTPRequestBytes`` makes. Touched only on its channel's event loop
/// (`@unchecked Sendable` for the callbacks that run there).
final class HTTPClientConnection: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    let maximumBodyBytes: Int
    private let readTimeout: TimeAmount
    private let pinMismatch: PinMismatch

    private var parser = HTTPResponseParser()
    /// Bytes read and not yet parsed: the start of a line still arriving.
    private var unread: ByteBuffer?
    private var outcome: OneShot?
    private var status: Int?
    private var headers: [HTTPHeader] = []
    private var body: ByteBuffer?
    /// Whether the last complete answer lets the connection be used again.
    private(set) var keepAlive = false
    /// What the pipeline reported while no exchange waited, such as a TLS handshake that failed as the connection
    /// opened: the exchange then begun ends with it, not with the closed connection it left (which is what the
    /// request's write would report, first or not, depending on timing).
    private var earlyError: EMQXError?

    /// When bytes last arrived, or the last exchange began; the read limit counts from it.
    private var lastActivity = NIODeadline.now()
    private var readCheck: Scheduled<Void>?

    init(maximumBodyBytes: Int, readTimeout: TimeAmount, pinMismatch: PinMismatch) {
        self.maximumBodyBytes = maximumBodyBytes
        self.readTimeout = readTimeout
        self.pinMismatch = pinMismatch
    }

    /// The next answer on this connection completes `outcome`.
    func begin(_ outcome: OneShot) {
        if let earlyError {
            return outcome.fail(
                NIOHTTPTransport.ExchangeFailure(error: earlyError, connectionWasGone: true, notSent: true))
        }
        self.outcome = outcome
        status = nil
        headers = []
        body = nil
        keepAlive = false
        parser.expectAnswer()
        lastActivity = .now()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armReadCheck(context, in: readTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        readCheck?.cancel()
    }

    func channelActive(context: ChannelHandlerContext) {
        lastActivity = .now()
        armReadCheck(context, in: readTimeout)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        var bytes = unwrapInboundIn(data)
        if var earlier = unread.take() {
            earlier.writeBuffer(&bytes)
            bytes = earlier
        }
        guard outcome != nil || parser.isMidAnswer else {
            // Bytes no request asked for: the connection is out of step with the server and is not used again.
            keepAlive = false
            return context.close(promise: nil)
        }
        do {
            while let event = try parser.next(&bytes) { handle(event, context) }
        } catch {
            return finish(context, Self.notHTTP(error))
        }
        if bytes.readableBytes > 0 {
            if parser.isDone {
                keepAlive = false
                context.close(promise: nil)
            } else {
                bytes.discardReadBytes()
                unread = bytes
            }
        }
    }

    private func handle(_ event: HTTPResponseParser.Event, _ context: ChannelHandlerContext) {
        switch event {
        case .head(let status, let headers, let length):
            self.status = status
            self.headers = headers
            if let length {
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
        case .end(let keepAlive):
            guard let status, let outcome else { return }
            self.keepAlive = keepAlive
            self.outcome = nil
            outcome.succeed(
                TransportResponse(status: status, headers: headers, body: body.map { Array(buffer: $0) } ?? []))
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
        readCheck?.cancel()
        // An answer framed by the connection's end is complete now; any other is cut short, said below.
        if let end = try? parser.readEnd() { handle(end, context) }
        let message =
            status == nil && unread == nil
            ? "the server closed the connection before answering"
            : "the server closed the connection before the whole answer arrived"
        finish(context, EMQXError(.network, message), connectionWasGone: true)
        context.fireChannelInactive()
    }

    /// Checks for silence `delay` from now, and again until the connection closes.
    private func armReadCheck(_ context: ChannelHandlerContext, in delay: TimeAmount) {
        readCheck?.cancel()
        readCheck = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: delay) { [self] in
            let silent = NIODeadline.now() - lastActivity
            guard silent >= readTimeout else { return armReadCheck(context, in: readTimeout - silent) }
            // Silent past the read limit: waiting for an answer is a timeout; idle in the pool, it is simply closed.
            finish(context, EMQXError(.timeout, "timed out waiting for the server's answer (the read time limit)"))
            context.close(promise: nil)
        }
    }

    private func finish(_ context: ChannelHandlerContext, _ error: EMQXError, connectionWasGone: Bool = false) {
        guard let outcome else { return }
        self.outcome = nil
        outcome.fail(
            NIOHTTPTransport.ExchangeFailure(
                error: error, connectionWasGone: connectionWasGone && status == nil && unread == nil, notSent: false))
        context.close(promise: nil)
    }

    private static func notHTTP(_ failure: HTTPResponseParser.Failure) -> EMQXError {
        EMQXError(
            .invalidResponse, "the server's answer is not HTTP (\(failure.message)); is the URL's port the API's?")
    }
}
