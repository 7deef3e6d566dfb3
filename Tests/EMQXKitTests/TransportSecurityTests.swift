import EMQXKit
import EMQXSandbox
import Foundation
import Testing

/// Authentication and TLS against the sandbox over real sockets.
@Suite struct TransportSecurityTests {
    @Test(arguments: [Sandbox.APIStyle.v5, .v4])
    func digestAuthenticationWorksAndKeepsWorking(_ style: Sandbox.APIStyle) async throws {
        try await withSandbox(style, auth: .digest) { _, client async throws in
            for _ in 0..<3 { #expect(try await client.nodes().count == 1) }
        }
        try await withSandbox(style, auth: .digest, authMode: .digest) { _, client async throws in
            #expect(try await client.nodes().count == 1)
        }
    }

    @Test func staleDigestNoncesAreRenewed() async throws {
        try await withSandbox(.v5, auth: .digest) { sandbox, client async throws in
            #expect(try await client.nodes().count == 1)
            sandbox.expireDigestNonces()
            #expect(try await client.nodes().count == 1)
        }
    }

    @Test(arguments: [
        (Sandbox.APIStyle.v5, SandboxConfiguration.AuthScheme.basic), (.v4, .basic), (.v5, .digest), (.v4, .digest),
    ])
    func wrongSecretIsRefusedAsEachGenerationDoes(
        _ style: Sandbox.APIStyle, _ auth: SandboxConfiguration.AuthScheme
    ) async throws {
        try await withSandbox(style, auth: auth, secret: "wrong-secret-value") { _, client async throws in
            await #expect {
                _ = try await client.nodes()
            } throws: { error in
                guard let error = error as? EMQXError else { return false }
                let apiOK = style == .v5 && auth == .basic ? error.apiCode == "BAD_API_KEY_OR_SECRET" : true
                return error.code == .unauthorized && error.httpStatus == 401 && apiOK
                    && !"\(error)".contains("wrong-secret-value")
            }
        }
    }

    @Test func plainHTTPWhenTheURLSaysSo() async throws {
        try await withSandbox(.v5, useTLS: false) { sandbox, client async throws in
            #expect(sandbox.baseURL(.v5).hasPrefix("http://"))
            #expect(try await client.nodes().count == 1)
        }
    }

    @Test func tlsTrustsACAFileAndRefusesAnUnknownCA() async throws {
        let sandbox = try Sandbox()
        try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let caPath = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-ca-\(UUID().uuidString).pem")
            .path
        try #require(sandbox.certificate).certificatePEM.write(toFile: caPath, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: caPath) }
        let credentials = Credentials(appID: "sandbox", secret: "sandbox-secret")

        let trusted = try await EMQXClient.connect(
            to: try Deployment(
                name: "ca", url: sandbox.baseURL(.v5), credentials: credentials, tls: TLSOptions(caFile: caPath)))
        #expect(try await trusted.nodes().count == 1)
        await trusted.shutdown()

        let untrusted = try await EMQXClient.connect(
            to: try Deployment(name: "none", url: sandbox.baseURL(.v5), credentials: credentials))
        await #expect {
            _ = try await untrusted.nodes()
        } throws: { error in
            (error as? EMQXError).map {
                $0.code == .tls && $0.message.contains("trusted CA") && !$0.message.contains("/")
            } ?? false
        }
        await untrusted.shutdown()
        await sandbox.stop()
    }

    @Test func pinnedCertificateMatchesOrIsRefused() async throws {
        let sandbox = try Sandbox()
        try await sandbox.start()
        let credentials = Credentials(appID: "sandbox", secret: "sandbox-secret")
        let pin = try #require(sandbox.certificate).sha256Fingerprint
        // Colons and upper case, as browsers print fingerprints, are accepted.
        let printed = stride(from: 0, to: pin.count, by: 2).map { offset -> String in
            let start = pin.index(pin.startIndex, offsetBy: offset)
            return String(pin[start..<pin.index(start, offsetBy: 2)]).uppercased()
        }.joined(separator: ":")
        let pinned = try await EMQXClient.connect(
            to: try Deployment(
                name: "pin", url: sandbox.baseURL(.v5), credentials: credentials, tls: TLSOptions(pinnedSHA256: printed)
            ))
        #expect(try await pinned.nodes().count == 1)
        await pinned.shutdown()

        // The pin is checked in the handshake of every connection the pool opens: here, eight at once, all refused.
        let wrongPin = String(repeating: "ab", count: 32)
        let mismatched = try await EMQXClient.connect(
            to: try Deployment(
                name: "pin", url: sandbox.baseURL(.v5), credentials: credentials,
                tls: TLSOptions(pinnedSHA256: wrongPin)))
        let refusals = await withTaskGroup(of: EMQXError?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do throws(EMQXError) { _ = try await mismatched.nodes() } catch { return error }
                    return nil
                }
            }
            return await group.reduce(into: [EMQXError?]()) { $0.append($1) }
        }
        for refusal in refusals {
            #expect(refusal?.code == .tls)
            #expect(
                refusal?.message.contains("(SHA-256 \(pin)) does not match the pinned fingerprint") == true,
                "\(String(describing: refusal))")
        }
        await mismatched.shutdown()
        await sandbox.stop()
    }

    @Test func refusedPortFailsFastWithANetworkError() async throws {
        let sandbox = try Sandbox(configuration: SandboxConfiguration(useTLS: false))
        try await sandbox.start()
        let url = sandbox.baseURL(.v5)
        await sandbox.stop()
        let client = try await EMQXClient.connect(to: try Deployment(name: "gone", url: url, credentials: nil))
        let start = ContinuousClock.now
        await #expect {
            _ = try await client.nodes()
        } throws: { error in
            (error as? EMQXError)?.code == .network
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        await client.shutdown()
    }
}
