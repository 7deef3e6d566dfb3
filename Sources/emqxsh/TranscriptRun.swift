import ArgumentParser
import EMQXSandbox
import EMQXShell
import Foundation

/// Where and how a check runs: the options `replay --check` and `doctest` share.
struct CheckOptions: ParsableArguments {
    @Option(
        name: [.customShort("d"), .customLong("deployment")],
        help: "Check against this deployment from config.toml instead of the sandbox.")
    var deployment: String?

    @Option(help: "The API generation to check on: v4, v5 or auto (a session written on v5 can be checked on v4).")
    var api: String?

    @Option(help: "Stop an input still running after this many seconds (it then differs).")
    var timeout: Double = 30

    var target: TranscriptRun.Target {
        .init(
            sandbox: deployment == nil, deployment: deployment, api: api, timeout: .milliseconds(Int64(timeout * 1000)))
    }
}

/// Checks a transcript in a fresh session, with a tutorial's background commands running beside it.
enum TranscriptRun {
    struct Target {
        var sandbox: Bool
        var deployment: String?
        var api: String?
        /// How long one input may run before the check stops it.
        var timeout: Duration = .seconds(30)
    }

    /// Re-runs the transcript's inputs and returns the differences from what it recorded.
    static func check(_ transcript: Transcript, on target: Target) async throws -> [TranscriptChecker.Difference] {
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

    /// Reads and parses a transcript file; a file that does not parse is a usage error, named by file and line.
    static func load(
        _ file: String, parse: (String, String) throws(ShellError) -> Transcript
    ) throws -> (text: String, transcript: Transcript) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return (text, try parse(text, file))
        } catch {
            StreamWriter.writeError("emqxsh: \(error.message)\n")
            throw ExitCode(ExitStatus.usage.code)
        }
    }

    /// Prints the outcome: a line on stdout when every output matched, the diffs and a count on stderr otherwise.
    /// Returns whether everything matched.
    static func report(
        _ differences: [TranscriptChecker.Difference], of transcript: Transcript, source: String, as what: String
    ) -> Bool {
        if differences.isEmpty {
            StreamWriter.writeOutput("\(source): \(transcript.entries.count) inputs, every output as \(what)\n")
            return true
        }
        StreamWriter.writeError((TranscriptChecker.report(differences, source: source) + "\n"))
        StreamWriter.writeError("\(source): \(differences.count) of \(transcript.entries.count) outputs differ\n")
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

/// Processes a tutorial starts beside the shell (a real MQTT client); all are stopped when the check ends.
final class BackgroundPeers: @unchecked Sendable {
    private let environment: [String: String]
    private var processes: [Process] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    func start(_ command: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // `exec`: the command takes the shell's place, so stopping the process stops the command itself.
        process.arguments = ["-c", "exec " + command]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            processes.append(process)
        } catch {
            StreamWriter.writeError("emqxsh: could not start '\(command)': \(error)\n")
        }
    }

    /// Terminates every process and waits (up to two seconds each) for it to end.
    func stopAll() async {
        for process in processes where process.isRunning {
            process.terminate()
            for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        processes = []
    }
}
