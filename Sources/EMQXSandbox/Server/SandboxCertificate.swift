import Crypto
import EMQXFiles
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The sandbox's self-signed certificate for `localhost` and `127.0.0.1`, made on first start.
public struct SandboxCertificate: Sendable {
    /// The certificate in PEM form: give it to a client as its CA file.
    public let certificatePEM: String
    let privateKeyPEM: String
    /// The SHA-256 fingerprint of the certificate's DER bytes, lower-case hex: a client can pin it.
    public let sha256Fingerprint: String

    /// Loads `cert.pem` and `key.pem` from `directory`, or makes and stores them when absent.
    static func loadOrCreate(directory: String?) throws -> SandboxCertificate {
        if let directory {
            let certPath = directory + "/cert.pem"
            let keyPath = directory + "/key.pem"
            if let cert = try? String(contentsOfFile: certPath, encoding: .utf8),
                let key = try? String(contentsOfFile: keyPath, encoding: .utf8)
            {
                return try SandboxCertificate(certificatePEM: cert, privateKeyPEM: key)
            }
            let made = try create()
            try PrivateFile.makeDirectory(directory)
            try PrivateFile.write(Array(made.privateKeyPEM.utf8), to: keyPath)
            try made.certificatePEM.write(toFile: certPath, atomically: true, encoding: .utf8)
            return made
        }
        return try create()
    }

    init(certificatePEM: String, privateKeyPEM: String) throws {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        var serializer = DER.Serializer()
        try serializer.serialize(try Certificate(pemEncoded: certificatePEM))
        let der = serializer.serializedBytes
        self.sha256Fingerprint = SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
    }

    static func create() throws -> SandboxCertificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName("localhost")
            OrganizationName("emqxsh sandbox")
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(825 * 24 * 3600),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                // Self-signed and its own trust anchor: BoringSSL accepts an anchor only when it may sign certificates.
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames([
                    .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                ])
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        return try SandboxCertificate(
            certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation)
    }

    func serverTLSConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }
}
