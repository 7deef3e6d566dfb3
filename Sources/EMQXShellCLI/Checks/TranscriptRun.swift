import EMQXSandbox
import EMQXShell
import Foundation

/// Checks a transcript in a fresh session, with a tutorial's background commands running beside it.
public enum TranscriptRun {
    /// Where a check runs: the sandbox, or a deployment from config.toml, on an API generation.
    public struct Target: Sendable {
        public var sandbox: Bool
        public var deployment: String?
        public var api: String?
        /// How long one input may run before the check stops it.
        public var timeout: Duration = .seconds(30)

        public init(sandbox: Bool, deployment: String?, api: String?, timeout: Duration = .seconds(30)) {
            self.sandbox = sandbox
            self.deployment = deployment
            self.api = api
            self.timeout = timeout
        }
    }

    /// Re-runs the transcript's inputs and returns the differences from what it recorded.
    public static func check(_ transcript: Transcript, on target: Target) async throws -> [TranscriptChecker.Difference]
    {
        let capture = CapturingSink()
        // Rendered as where it was recorded: its format, cut to its width, without colour.
        let session = ShellSession(
            sink: capture, settings: OutputSettings(format: transcript.format, width: transcript.width),
            isTerminal: false)
        let sandbox = try await SessionSetup.connect(
            session, sandbox: target.sandbox, deployment: target.deployment, api: target.api)
        let peers = BackgroundPeers(environment: environment(of: session, sandbox: sandbox))
        let differences = await TranscriptChecker.check(
            transcript, session: session, capture: capture, timeout: target.timeout
        ) { index in
            for command in transcript.background[index] ?? [] { peers.start(command) }
        }
        // Commands a tutorial starts after its last entry still run, briefly, so a mistake in them shows.
        for command in transcript.background[transcript.entries.count] ?? [] { peers.start(command) }
        await peers.stopAll()
        await session.close()
        await sandbox?.stop()
        return differences
    }

    /// Prints the outcome: a line on stdout when every output matched, the diffs and a count on stderr otherwise.
    /// Returns whether everything matched.
    public static func report(
        _ differences: [TranscriptChecker.Difference], of transcript: Transcript, source: String, as what: String,
        to streams: any OutputSink
    ) -> Bool {
        if differences.isEmpty {
            streams.write("\(source): \(transcript.entries.count) inputs, every output as \(what)\n")
            return true
        }
        streams.writeError((TranscriptChecker.report(differences, source: source) + "\n"))
        streams.writeError("\(source): \(differences.count) of \(transcript.entries.count) outputs differ\n")
        return false
    }

    /// What background commands may use: the sandbox's MQTT address and the API's URL.
    private static func environment(of session: ShellSession, sandbox: Sandbox?) -> [String: String] {
        var environment: [String: String] = [:]
        if let sandbox {
            environment["MQTT_HOST"] = "127.0.0.1"
            environment["MQTT_PORT"] = String(sandbox.mqttPort)
        }
        if let url = session.client?.deployment.baseURL.description { environment["API_URL"] = url }
        return environment
    }
}
