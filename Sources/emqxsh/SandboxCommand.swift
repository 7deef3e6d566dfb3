import ArgumentParser
import EMQXSandbox
import EMQXShell
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

    @Option(help: "The API generations to serve: v4, v5 or both.")
    var api: String = "both"

    @Option(help: "The AppID the API accepts.")
    var appID: String = "sandbox"

    @Option(help: "The environment variable holding the AppSecret the API accepts (default: sandbox-secret).")
    var secretEnv: String?

    @Option(help: "A directory for the certificate and key, kept between runs.")
    var stateDir: String?

    @Flag(help: "Serve plain HTTP instead of HTTPS.")
    var http = false

    @Option(help: "The MQTT port (0 lets the OS pick one).")
    var mqttPort: Int = 0

    @Option(help: "The MQTT-over-TLS port (0 lets the OS pick one).")
    var mqttTLSPort: Int = 0

    @Option(help: "The MQTT-over-WebSocket port, path /mqtt (0 lets the OS pick one).")
    var mqttWSPort: Int = 0

    @Option(help: "The MQTT-over-secure-WebSocket port, path /mqtt (0 lets the OS pick one).")
    var mqttWSSPort: Int = 0

    @Flag(help: "Make MQTT clients log in as one of the authentication users (`users add`).")
    var mqttAuth = false

    @Option(
        help: ArgumentHelp(
            "What /api-docs/swagger.json serves: the sandbox's own description (default), a release's document "
                + "from a file, or none.",
            valueName: "file|none"))
    var openapiDocument: String?

    @Flag(help: "Do not log MQTT connections refused or closed for protocol errors (logged on stderr otherwise).")
    var quiet = false

    mutating func run() async throws {
        guard let scheme = SandboxConfiguration.AuthScheme(rawValue: auth) else {
            throw ValidationError("--auth takes basic or digest, not '\(auth)'")
        }
        let generations: Set<SandboxConfiguration.Generation>
        switch api {
        case "both": generations = [.v4, .v5]
        case "v4": generations = [.v4]
        case "v5": generations = [.v5]
        default: throw ValidationError("--api takes v4, v5 or both, not '\(api)'")
        }
        var secret = "sandbox-secret"
        if let variable = secretEnv {
            guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
                throw ValidationError("$\(variable) is not set")
            }
            secret = value
        }
        let quiet = self.quiet
        let log: @Sendable (String) -> Void = { line in
            if !quiet { StreamWriter.writeError("\(Date().formatted(.iso8601)) \(line)\n") }
        }
        var configuration = SandboxConfiguration(
            appID: appID, appSecret: secret, auth: scheme, useTLS: !http, stateDirectory: stateDir, host: host,
            port: port, generations: generations, mqttPort: mqttPort, mqttTLSPort: mqttTLSPort,
            mqttAuthentication: mqttAuth, log: log)
        configuration.mqttWebSocketPort = mqttWSPort
        configuration.mqttSecureWebSocketPort = mqttWSSPort
        switch openapiDocument {
        case nil: break
        case "none": configuration.servesOpenAPIDocument = false
        case let file?:
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ValidationError("--openapi-document: cannot read \(file)")
            }
            configuration.openAPIDocumentFile = file
        }
        let sandbox = try Sandbox(configuration: configuration)
        try await sandbox.start()
        var lines = ["EMQX sandbox running"]
        if generations.contains(.v5) { lines.append("  API v5:       \(sandbox.baseURL(.v5))") }
        if generations.contains(.v4) {
            lines.append("  API v4:       \(sandbox.baseURL(.v4))  (EMQX Cloud style: \(sandbox.baseURL(.cloudV4)))")
        }
        lines += [
            "  AppID:        \(appID)",
            "  AppSecret:    "
                + (secretEnv.map { "from $\($0)" } ?? "sandbox-secret (the default; set --secret-env for another)"),
            "  auth:         \(scheme.rawValue)",
        ]
        let login = mqttAuth ? "log in as an authentication user" : "anonymous allowed"
        lines.append("  MQTT:         mqtt://\(host):\(sandbox.mqttPort)  (\(login))")
        if sandbox.mqttTLSPort > 0 { lines.append("  MQTT TLS:     mqtts://\(host):\(sandbox.mqttTLSPort)") }
        lines.append("  MQTT WS:      ws://\(host):\(sandbox.mqttWebSocketPort)/mqtt")
        if sandbox.mqttSecureWebSocketPort > 0 {
            lines.append("  MQTT WSS:     wss://\(host):\(sandbox.mqttSecureWebSocketPort)/mqtt")
        }
        if let certificate = sandbox.certificate {
            lines.append(
                "  certificate:  SHA-256 \(certificate.sha256Fingerprint)"
                    + (stateDir.map { " (\($0)/cert.pem)" } ?? ""))
        }
        lines.append("Stop with Ctrl-C or SIGTERM.")
        StreamWriter.writeOutput((lines.joined(separator: "\n") + "\n"))
        await Self.waitForTermination()
        await sandbox.stop()
        StreamWriter.writeError("sandbox stopped\n")
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
