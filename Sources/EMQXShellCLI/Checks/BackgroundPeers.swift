import EMQXShell
import Foundation

/// Processes a tutorial starts beside the shell (a real MQTT client); all are stopped when the check ends.
public final class BackgroundPeers: @unchecked Sendable {
    private let environment: [String: String]
    private var processes: [Process] = []

    public init(environment: [String: String]) {
        self.environment = environment
    }

    public func start(_ command: String) {
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
    public func stopAll() async {
        for process in processes where process.isRunning {
            process.terminate()
            for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        processes = []
    }
}
