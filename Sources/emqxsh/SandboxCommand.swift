import ArgumentParser
import EMQXSandbox
import Foundation

/// `emqxsh sandbox`: runs the sandbox deployment standalone, until SIGTERM or Ctrl-C.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local EMQX-compatible sandbox deployment on its own.",
        discussion: "Prints how to connect, then serves until SIGTERM or Ctrl-C, and stops cleanly."
    )

    @Option(help: "The management API port (0 lets the OS pick one).")
    var port: Int = 0

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "basic or digest.")
    var auth: String = "basic"

    @Option(help: "The AppID the API accepts.")
    var appID: String = "sandbox"

    @Option(help: "The environment variable holding the AppSecret the API accepts (default: sandbox-secret).")
    var secretEnv: String?

    @Option(help: "A directory for the certificate and key, kept between runs.")
    var stateDir: String?

    @Flag(help: "Serve plain HTTP instead of HTTPS.")
    var http = false

    mutating func run() async throws {
        guard let scheme = SandboxConfiguration.AuthScheme(rawValue: auth) else {
            throw ValidationError("--auth takes basic or digest, not '\(auth)'")
        }
        var secret = "sandbox-secret"
        if let variable = secretEnv {
            guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                throw ValidationError("$\(variable) is not set")
            }
            secret = value
        }
        let sandbox = try Sandbox(configuration: SandboxConfiguration(
            appID: appID, appSecret: secret, auth: scheme, useTLS: !http, stateDirectory: stateDir, host: host, port: port))
        try await sandbox.start()
        var lines = [
            "EMQX sandbox running",
            "  API v5:       \(sandbox.baseURL(.v5))",
            "  API v4:       \(sandbox.baseURL(.v4))  (EMQX Cloud style: \(sandbox.baseURL(.cloudV4)))",
            "  AppID:        \(appID)",
            "  AppSecret:    " + (secretEnv.map { "from $\($0)" } ?? "sandbox-secret (the default; set --secret-env for another)"),
            "  auth:         \(scheme.rawValue)",
        ]
        if let certificate = sandbox.certificate {
            lines.append("  certificate:  SHA-256 \(certificate.sha256Fingerprint)" + (stateDir.map { " (\($0)/cert.pem)" } ?? ""))
        }
        lines.append("Stop with Ctrl-C or SIGTERM.")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        await Self.waitForTermination()
        await sandbox.stop()
        FileHandle.standardError.write(Data("sandbox stopped\n".utf8))
    }

    /// Returns when SIGTERM or SIGINT arrives.
    static func waitForTermination() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let stream = AsyncStream<Void> { continuation in
            nonisolated(unsafe) let sources = [SIGTERM, SIGINT].map { number -> any DispatchSourceSignal in
                let source = DispatchSource.makeSignalSource(signal: number)
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in sources.forEach { $0.cancel() } }
        }
        for await _ in stream { return }
    }
}
