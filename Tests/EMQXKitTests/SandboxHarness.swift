import EMQXKit
import EMQXSandbox
import Foundation
import Testing

/// Starts a sandbox on a free 127.0.0.1 port, connects a client, runs the body, and stops both.
func withSandbox(
    _ style: Sandbox.APIStyle = .v5, auth: SandboxConfiguration.AuthScheme = .basic, useTLS: Bool = true,
    secret: String = "sandbox-secret", generation: GenerationSetting = .auto, authMode: AuthMode = .auto,
    mqttAuthentication: Bool = false,
    _ body: (Sandbox, EMQXClient) async throws -> Void
) async throws {
    let sandbox = try Sandbox(
        configuration: SandboxConfiguration(auth: auth, useTLS: useTLS, mqttAuthentication: mqttAuthentication))
    try await sandbox.start()
    let deployment = try Deployment(
        name: "test", url: sandbox.baseURL(style), credentials: Credentials(appID: "sandbox", secret: secret),
        generation: generation, authMode: authMode,
        tls: TLSOptions(pinnedSHA256: sandbox.certificate?.sha256Fingerprint))
    let client = try await EMQXClient.connect(to: deployment)
    do {
        try await body(sandbox, client)
    } catch {
        await client.shutdown()
        await sandbox.stop()
        throw error
    }
    await client.shutdown()
    await sandbox.stop()
}

/// The three ways the sandbox serves the API, each with the generation it must be detected as.
let apiStyles: [(Sandbox.APIStyle, APIGeneration)] = [(.v5, .v5), (.v4, .v4), (.cloudV4, .v4)]

/// Runs `body`, which must fail with exactly this error: its kind, and the API's own code (a v4 result code as a
/// number, a v5 string code), so that a network error cannot pass for `ALREADY_EXISTS`.
func expectError(
    _ kind: EMQXError.Code, apiCode: String?, saying message: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("no error; expected \(kind) \(apiCode ?? "")", sourceLocation: sourceLocation)
    } catch let error as EMQXError {
        #expect(error.code == kind, "\(error)", sourceLocation: sourceLocation)
        #expect(error.apiCode == apiCode, "\(error)", sourceLocation: sourceLocation)
        if let message { #expect(error.message.contains(message), "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("not an EMQXError: \(error)", sourceLocation: sourceLocation)
    }
}

/// The same for an operation that fails before any request is sent.
func expectError(
    _ kind: EMQXError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("no error; expected \(kind)", sourceLocation: sourceLocation)
    } catch let error as EMQXError {
        #expect(error.code == kind, "\(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("not an EMQXError: \(error)", sourceLocation: sourceLocation)
    }
}
