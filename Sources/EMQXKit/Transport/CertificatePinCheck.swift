import Crypto
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization
import X509

/// Checks a server's certificate against a SHA-256 pin on a handshake of its own.
///
/// AsyncHTTPClient offers no verification hook, so the pin is checked here before the
/// pool is used, and the pool is then told to trust exactly the pinned certificate.
enum CertificatePinCheck {
    struct Pinned {
        let certificate: NIOSSLCertificate
        let isSelfSigned: Bool
    }

    static func verify(host: String, port: Int, pin: String, timeout: Duration) async throws(EMQXError) -> Pinned {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.shutdownTimeout = .milliseconds(100)
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: tls) } catch {
            throw EMQXError(.tls, "TLS: cannot set up a TLS context")
        }
        let seen = PeerCertificateBox()
        let serverName = host.first?.isNumber == true || host.contains(":") ? nil : host
        let group = MultiThreadedEventLoopGroup.singleton
        let handshake = group.any().makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(timeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName) { chain, promise in
                        seen.set(chain.first)
                        guard let leaf = chain.first, fingerprint(of: leaf) == pin else {
                            promise.succeed(.failed)
                            return
                        }
                        promise.succeed(.certificateVerified)
                    }
                    try channel.pipeline.syncOperations.addHandler(handler)
                    try channel.pipeline.syncOperations.addHandler(HandshakeWaiter(promise: handshake))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            handshake.fail(error)
            throw TransportErrorMapper.map(error)
        }
        defer { channel.close(promise: nil) }
        do {
            try await handshake.futureResult.get()
        } catch {
            guard let leaf = seen.get() else { throw TransportErrorMapper.map(error) }
            throw EMQXError(
                .tls, "TLS: the server's certificate (SHA-256 \(fingerprint(of: leaf))) does not match the pinned fingerprint"
            )
        }
        guard let leaf = seen.get() else { throw EMQXError(.tls, "TLS: the server sent no certificate") }
        var selfSigned = false
        if let parsed = try? Certificate(derEncoded: (try? leaf.toDERBytes()) ?? []) {
            selfSigned = parsed.issuer == parsed.subject
        }
        return Pinned(certificate: leaf, isSelfSigned: selfSigned)
    }

    /// The lower-case hex SHA-256 of the certificate's DER bytes.
    static func fingerprint(of certificate: NIOSSLCertificate) -> String {
        let der = (try? certificate.toDERBytes()) ?? []
        return SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}

/// The leaf certificate seen by the verification callback, handed back to the async caller.
private final class PeerCertificateBox: Sendable {
    private let certificate = Mutex<NIOSSLCertificate?>(nil)
    func set(_ value: NIOSSLCertificate?) { certificate.withLock { $0 = value } }
    func get() -> NIOSSLCertificate? { certificate.withLock { $0 } }
}

/// Completes a promise when the TLS handshake finishes or the channel fails or closes first.
private final class HandshakeWaiter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<Void>
    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}
