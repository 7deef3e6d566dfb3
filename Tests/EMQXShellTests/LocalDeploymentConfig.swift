import EMQXSandbox
import Foundation

/// A config.toml in a folder of its own naming the sandbox as `local` (its `style` of API), its secret read from
/// `$LOCAL_SECRET`, with `extra` lines in its table; the caller removes the folder.
func configuration(for sandbox: Sandbox, extra: String = "", api style: Sandbox.APIStyle = .v5) throws -> URL {
    let config = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-mqtt-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: config.appendingPathComponent("emqxsh"), withIntermediateDirectories: true)
    try """
    [deployments.local]
    url = "\(sandbox.baseURL(style))"
    app_id = "sandbox"
    secret_env = "LOCAL_SECRET"
    \(extra)
    """.write(to: config.appendingPathComponent("emqxsh/config.toml"), atomically: true, encoding: .utf8)
    return config
}

/// Runs `body` with a sandbox started for it, named `local` in a config.toml of its own (`extra` lines from the
/// started sandbox: its ports), and the environment that points emqxsh there; stops and removes both afterwards.
func withLocalDeployment(
    useTLS: Bool = false, mqttAuthentication: Bool = false, api style: Sandbox.APIStyle = .v5,
    extra: (Sandbox) -> String = { _ in "" }, _ body: (Sandbox, [String: String]) async throws -> Void
) async throws {
    let sandbox = try Sandbox(
        configuration: SandboxConfiguration(useTLS: useTLS, mqttAuthentication: mqttAuthentication))
    try await sandbox.start()
    defer { Task { await sandbox.stop() } }
    let config = try configuration(for: sandbox, extra: extra(sandbox), api: style)
    defer { try? FileManager.default.removeItem(at: config) }
    try await body(sandbox, ["XDG_CONFIG_HOME": config.path, "LOCAL_SECRET": "sandbox-secret"])
}
