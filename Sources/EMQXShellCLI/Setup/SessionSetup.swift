import EMQXKit
import EMQXSandbox
import EMQXShell
import Foundation

/// Connects a new session as the command line asks: to the embedded sandbox, or to a deployment from config.toml.
public enum SessionSetup {
    /// Connects `session`; returns the sandbox it started, which the caller stops.
    public static func connect(
        _ session: ShellSession, sandbox: Bool, deployment: String?, api: String?
    ) async throws -> Sandbox? {
        if sandbox {
            let server = try Sandbox(configuration: SandboxConfiguration())
            try await server.start()
            do {
                let style: Sandbox.APIStyle = api == "v4" ? .v4 : .v5
                var deployment = try Deployment(
                    name: "sandbox", url: server.baseURL(style),
                    credentials: Credentials(
                        appID: server.configuration.appID, secret: server.configuration.appSecret),
                    generation: GenerationSetting(api ?? "auto") ?? .auto,
                    tls: TLSOptions(pinnedSHA256: server.certificate?.sha256Fingerprint))
                // The sandbox's dashboard user manages its API keys.
                deployment.dashboardLogin = Credentials(
                    appID: server.configuration.dashboardUsername, secret: server.configuration.dashboardPassword)
                try await session.connect(deployment)
                session.mqttEndpoints["sandbox"] = MQTTEndpoint(
                    transport: .tcp, host: "127.0.0.1", port: server.mqttPort)
            } catch {
                await server.stop()
                throw error
            }
            return server
        }
        let directory = ShellConfiguration.defaultDirectory()
        session.configuration = try ShellConfiguration.load(directory: directory)
        if let name = deployment ?? session.configuration.defaultDeployment {
            guard var entry = session.configuration.deployments[name] else {
                let known = session.configuration.deployments.keys.sorted()
                throw ShellError.usage(
                    "no deployment named '\(name)' in \(directory)/config.toml"
                        + (known.isEmpty ? "" : "; it has \(known.joined(separator: ", "))"))
            }
            if let api {
                guard let setting = GenerationSetting(api) else { throw ShellError.usage("--api takes v4, v5 or auto") }
                entry.api = setting
            }
            try await session.connect(try entry.resolve())
        }
        return nil
    }
}
