import Crypto
import NIOSSL

/// The SHA-256 pin of a certificate, as `TLSOptions.pinnedSHA256` writes it.
enum CertificatePinCheck {
    /// The lower-case hex SHA-256 of the certificate's DER bytes.
    static func fingerprint(of certificate: NIOSSLCertificate) -> String {
        let der = (try? certificate.toDERBytes()) ?? []
        return SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
