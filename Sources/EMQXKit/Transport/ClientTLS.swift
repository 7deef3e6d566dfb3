import NIOCore
import NIOSSL

/// TLS for the client's connections, HTTP and MQTT alike: the trust a deployment names (its CA file, or the system
/// store) and, with a pin, the exact certificate checked in every handshake.
enum ClientTLS {
    /// The TLS set-up for a deployment's trust: its CA file as the only trust, or the system store.
    static func context(_ options: TLSOptions) throws(EMQXError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        // After a read timeout, don't wait the default 5 s for the peer's close_notify.
        tls.shutdownTimeout = .milliseconds(100)
        if let caFile = options.caFile {
            let certificates: [NIOSSLCertificate]
            do { certificates = try NIOSSLCertificate.fromPEMFile(caFile) } catch {
                throw EMQXError(.invalidArgument, "cannot read the CA file \(caFile): it is missing or not PEM")
            }
            guard !certificates.isEmpty else {
                throw EMQXError(.invalidArgument, "the CA file \(caFile) holds no PEM certificate")
            }
            // The CA file is the trust, as curl's --cacert: the system store is not read (which also saves parsing it).
            tls.trustRoots = .certificates(certificates)
        }
        do { return try NIOSSLContext(configuration: tls) } catch {
            throw EMQXError(.tls, "TLS: cannot set up a TLS context")
        }
    }

    /// The handler that runs TLS on a new connection.
    ///
    /// The pin is checked on every connection, in the handshake itself: the exact certificate is the server's
    /// identity (as SSH's known_hosts), whatever CA or name it carries.
    static func handler(
        _ context: NIOSSLContext, host serverName: String?, pin: String?, mismatch: PinMismatch
    ) throws -> NIOSSLClientHandler {
        guard let pin else { return try NIOSSLClientHandler(context: context, serverHostname: serverName) }
        return try NIOSSLClientHandler(context: context, serverHostname: serverName) { chain, promise in
            let seen = chain.first.map(CertificatePinCheck.fingerprint(of:))
            if seen != pin { mismatch.record(seen ?? "none") }
            promise.succeed(seen == pin ? .certificateVerified : .failed)
        }
    }

    /// The name to check the certificate against: none for an address, which certificates rarely name.
    static func serverName(_ host: String) -> String? {
        host.first?.isNumber == true || host.utf8.contains(UInt8(ascii: ":")) ? nil : host
    }
}
