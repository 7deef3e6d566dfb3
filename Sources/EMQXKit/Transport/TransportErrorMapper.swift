import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns NIO and BoringSSL errors into messages a user can act on.
///
/// Their own descriptions are raw library strings (with build paths); none of them
/// reaches the user.
enum TransportErrorMapper {
    static func map(_ error: any Error) -> EMQXError {
        if let error = error as? EMQXError { return error }
        if error is CancellationError { return EMQXError(.cancelled, "the request was cancelled") }
        if let failure = error as? NIOHTTPTransport.ExchangeFailure { return failure.error }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return EMQXError(.timeout, "timed out connecting to the server")
            case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed:
                return EMQXError(.network, "the server closed the connection before answering")
            default: break
            }
        }
        if let error = error as? HTTPParserError {
            if case .invalidEOFState = error {
                return EMQXError(.network, "the server closed the connection before the whole answer arrived")
            }
            return EMQXError(
                .invalidResponse, "the server's answer is not HTTP (\(error)); is the URL's port the API's?")
        }
        if let error = error as? NIOSSLError { return tlsError(String(describing: error)) }
        if let error = error as? BoringSSLError { return tlsError(String(describing: error)) }
        if let error = error as? NIOConnectionError {
            return EMQXError(.network, "cannot connect to \(error.host):\(error.port): \(connectionReason(error))")
        }
        if let error = error as? IOError {
            return EMQXError(.network, "connection failed: \(errnoText(error.errnoCode))")
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE") || text.contains("SSL") || text.contains("handshake") { return tlsError(text) }
        if text.contains("connectTimeout") { return EMQXError(.timeout, "timed out connecting to the server") }
        return EMQXError(.network, "the connection failed (\(type(of: error)))")
    }

    static func tlsError(_ raw: String) -> EMQXError {
        let upper = raw.uppercased()
        if upper.contains("CERTIFICATE_VERIFY_FAILED") || upper.contains("UNABLE_TO_GET_ISSUER")
            || upper.contains("SELF_SIGNED") || upper.contains("UNKNOWN_CA")
        {
            if upper.contains("HOSTNAME") || upper.contains("NAME MISMATCH") {
                return EMQXError(.tls, "TLS: the server's certificate is not valid for this host name")
            }
            return EMQXError(
                .tls, "TLS: the server's certificate is not signed by a trusted CA (set a CA file or pin it)")
        }
        if upper.contains("HOSTNAME") || upper.contains("UNABLEToVALIDATEHOSTNAME".uppercased()) {
            return EMQXError(.tls, "TLS: the server's certificate is not valid for this host name")
        }
        if upper.contains("WRONG_VERSION_NUMBER") {
            return EMQXError(.tls, "TLS: the server did not answer with TLS (is it plain http://?)")
        }
        if upper.contains("UNCLEANSHUTDOWN") || upper.contains("UNCLEAN") {
            return EMQXError(.tls, "TLS: the server closed the connection during the handshake")
        }
        return EMQXError(.tls, "TLS: the handshake with the server failed")
    }

    private static func connectionReason(_ error: NIOConnectionError) -> String {
        if let dns = error.dnsAAAAError ?? error.dnsAError {
            _ = dns
            return "the host name could not be resolved"
        }
        for attempt in error.connectionErrors {
            if let io = attempt.error as? IOError { return errnoText(io.errnoCode) }
        }
        return "no address accepted the connection"
    }

    private static func errnoText(_ code: CInt) -> String {
        switch code {
        case 111: return "connection refused"
        case 110: return "connection timed out"
        case 113: return "no route to host"
        case 101: return "network unreachable"
        case 104: return "connection reset by peer"
        default: return "system error \(code)"
        }
    }
}
