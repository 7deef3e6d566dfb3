import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// The production transport: AsyncHTTPClient with one keep-alive connection pool per deployment.
public final class AsyncHTTPTransport: HTTPTransport {
    private let client: HTTPClient
    private let timeouts: Timeouts
    /// Responses larger than this are refused rather than buffered.
    private let maximumBodyBytes: Int

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
        // A redirect would carry the credentials and the body to wherever it points: the client reports it instead.
        configuration.redirectConfiguration = .disallow
        if deployment.baseURL.isTLS {
            configuration.tlsConfiguration = try await Self.tlsConfiguration(for: deployment)
        }
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.timeouts = deployment.timeouts
        self.maximumBodyBytes = deployment.maximumResponseBytes
    }

    /// Sends one request; the deployment's total time limit covers everything up to the body's last byte.
    public func send(_ request: TransportRequest) async throws(EMQXError) -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let total = timeouts.total
        do {
            // AsyncHTTPClient's own deadline ends at the response head and its read timeout restarts with every
            // byte, so a server that drip-feeds a body would hold the caller for ever: race the whole exchange.
            return try await withThrowingTaskGroup(of: TransportResponse?.self) { group in
                group.addTask { [outgoing] in try await self.exchange(outgoing, deadline: total) }
                group.addTask {
                    try await Task.sleep(for: total)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw EMQXError(.timeout, "the server did not send its whole answer within \(total.secondsText) (the total time limit)")
                }
                return response
            }
        } catch {
            throw TransportErrorMapper.map(error, maximumBodyBytes: maximumBodyBytes)
        }
    }

    private func exchange(_ outgoing: HTTPClientRequest, deadline: Duration) async throws -> TransportResponse {
        let response = try await client.execute(outgoing, timeout: TimeAmount(deadline))
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maximumBodyBytes {
            throw EMQXError.responseTooLarge(limit: maximumBodyBytes, announced: length)
        }
        let body = try await response.body.collect(upTo: maximumBodyBytes)
        return TransportResponse(
            status: Int(response.status.code),
            headers: response.headers.map { HTTPHeader($0.name, $0.value) },
            body: Array(buffer: body)
        )
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func tlsConfiguration(for deployment: Deployment) async throws(EMQXError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
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

extension Duration {
    /// "30 s", "1.5 s", "250 ms".
    var secondsText: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(seconds) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
