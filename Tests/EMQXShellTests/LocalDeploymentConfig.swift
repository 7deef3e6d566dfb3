import EMQXSandbox
import Foundation

/// A config.toml in a folder of its own naming the sandbox as `local`, its secret read from `$LOCAL_SECRET`, with
/// `extra` lines in its table; the caller removes the folder.
func configuration(for sandbox: Sandbox, extra: String = "") throws -> URL {
    let config = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-mqtt-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
        at: config.appendingPathComponent("emqxsh"), withIntermediateDirectories: true)
    try """
    [deployments.local]
    url = "\(sandbox.baseURL(.v5))"
    app_id = "sandbox"
    secret_env = "LOCAL_SECRET"
    \(extra)
    """.write(to: config.appendingPathComponent("emqxsh/config.toml"), atomically: true, encoding: .utf8)
    return config
}
