import EMQXKit
import EMQXSandbox
import EMQXScript
import Synchronization

@testable import EMQXShell

/// Collects what the shell writes.
final class CapturingSink: OutputSink {
    private let out = Mutex("")
    private let err = Mutex("")
    var output: String { out.withLock { $0 } }
    var errors: String { err.withLock { $0 } }
    func write(_ text: String) { out.withLock { $0 += text } }
    func writeError(_ text: String) { err.withLock { $0 += text } }
    func clear() { out.withLock { $0 = "" } }
}

/// A session connected to a fresh sandbox over real sockets, in JSON output.
func withShell(
    _ style: Sandbox.APIStyle = .v5, _ body: (ShellSession, CapturingSink, Sandbox) async throws -> Void
) async throws {
    let sandbox = try Sandbox()
    try await sandbox.start()
    let sink = CapturingSink()
    let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
    // Tests leave the user's cache alone.
    session.operationTables = OperationTables(directory: nil)
    do {
        try await session.connect(
            try Deployment(
                name: "sandbox", url: sandbox.baseURL(style),
                credentials: Credentials(appID: "sandbox", secret: "sandbox-secret"),
                tls: TLSOptions(pinnedSHA256: sandbox.certificate?.sha256Fingerprint)))
        try await body(session, sink, sandbox)
    } catch {
        await session.close()
        await sandbox.stop()
        throw error
    }
    await session.close()
    await sandbox.stop()
}

let shellStyles: [Sandbox.APIStyle] = [.v5, .v4, .cloudV4]
