import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// The production transport: AsyncHTTPClient with one keep-alive connection pool per deployment.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let timeouts: Timeouts
    /// Responses larger than this are refused rather than buffered.
    private let maximumBodyBytes = 256 * 1024 * 1024

    /// Creates the pool for a deployment; with a pinned certificate, checks the pin on a handshake first.
    public init(deployment: Deployment) async throws(EMQXError) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(
            connect: TimeAmount(deployment.timeouts.connect),
            read: TimeAmount(deployment.timeouts.read)
        )
        // Fail at once on a refused port or a bad certificate instead of retrying until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.httpVersion = .http1Only
        configuration.decompression = .disabled
        if deployment.baseURL.isTLS {
            configuration.tlsConfiguration = try await Self.tlsConfiguration(for: deployment)
        }
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeouts = deployment.timeouts
    }

    public func send(_ request: TransportRequest) async throws(EMQXError) -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: TimeAmount(timeouts.total))
            let body = try await response.body.collect(upTo: maximumBodyBytes)
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers.map { HTTPHeader($0.name, $0.value) },
                body: Array(buffer: body)
            )
        } catch {
            throw TransportErrorMapper.map(error)
        }
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func tlsConfiguration(for deployment: Deployment) async throws(EMQXError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // After a read timeout, don't wait the default 5 s for the peer's close_notify.
        tls.shutdownTimeout = .milliseconds(100)
        if let caFile = deployment.tls.caFile {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(caFile)
                guard !certificates.isEmpty else {
                    throw EMQXError(.invalidArgument, "the CA file \(caFile) holds no PEM certificate")
                }
                // The CA file is the trust, as curl's --cacert: the system store is not read (which also saves parsing it).
                tls.trustRoots = .certificates(certificates)
            } catch let error as EMQXError {
                throw error
            } catch {
                throw EMQXError(.invalidArgument, "cannot read the CA file \(caFile): it is missing or not PEM")
            }
        }
        if let pin = deployment.tls.normalizedPin {
            let pinned = try await CertificatePinCheck.verify(
                host: deployment.baseURL.host, port: deployment.baseURL.port, pin: pin,
                timeout: deployment.timeouts.connect
            )
            if pinned.isSelfSigned {
                // The pin is the server's identity: trust exactly that certificate, whatever name it carries.
                tls.trustRoots = .certificates([pinned.certificate])
                tls.certificateVerification = .noHostnameVerification
            }
        }
        return tls
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
