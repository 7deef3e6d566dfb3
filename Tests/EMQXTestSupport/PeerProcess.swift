import Foundation

/// A helper program a test runs beside the sandbox (mosquitto_sub, a paho script, curl), with its output collected as
/// it comes.
///
/// Waiting never blocks a thread of the pool the sandbox itself runs on, every wait is bounded,
/// and a process still running when the test lets go of it is killed.
public final class PeerProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var stdout = Data()
    private var stderr = Data()
    private var status: Int32?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Starts `executable` (a path, or a name looked up in $PATH, then /usr/bin and /usr/local/bin) with `arguments`;
    /// `input`, when given, is written to its standard input, which is then closed.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil
    ) throws {
        process.executableURL = URL(fileURLWithPath: Self.locate(executable))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        // Blocking reads on threads of their own, not dispatch read sources: a source still being cancelled when its
        // pipe closes can bring libdispatch down.
        let readers = DispatchGroup()
        for (pipe, isError) in [(out, false), (err, true)] {
            readers.enter()
            Thread { [weak self] in
                let handle = pipe.fileHandleForReading
                while case let data = handle.availableData, !data.isEmpty { self?.append(data, error: isError) }
                readers.leave()
            }.start()
        }
        process.terminationHandler = { [weak self] finished in
            // Whatever is still in the pipes arrives before anyone is told the process ended.
            _ = readers.wait(timeout: .now() + 5)
            self?.finish(finished.terminationStatus)
        }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
    }

    deinit {
        // A client asked to stop may linger (mosquitto_sub retries a broker that is gone): nothing outlives its test.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Runs a program to its end (killed after `seconds`) and returns its exit status and output.
    public static func run(
        _ executable: String, _ arguments: [String], within seconds: Double = 20
    ) async throws -> (status: Int32?, stdout: String, stderr: String) {
        let peer = try PeerProcess(executable, arguments)
        return await peer.finish(within: seconds)
    }

    /// Standard output so far.
    public var output: String { lock.withLock { String(decoding: stdout, as: UTF8.self) } }

    /// Standard error so far.
    public var errorOutput: String { lock.withLock { String(decoding: stderr, as: UTF8.self) } }

    /// The process id, for signals a test sends itself.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// The exit status once the process has ended.
    public var exitStatus: Int32? { lock.withLock { status } }

    /// Waits for the process to end, killing it after `seconds`; the status is nil when it had to be killed.
    public func finish(within seconds: Double) async -> (status: Int32?, stdout: String, stderr: String) {
        let ended = await waitForExit(within: seconds)
        if !ended {
            stop()
            _ = await waitForExit(within: 5)
        }
        return (ended ? exitStatus : nil, output, errorOutput)
    }

    /// Waits until standard output contains `text`, for at most `seconds`; true when it did.
    public func waitForOutput(_ text: String, within seconds: Double = 10) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if output.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return output.contains(text)
    }

    /// Sends SIGTERM, and SIGKILL a second later if the process is still there (it may still be ending when this
    /// returns).
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [weak self] in
            if self?.process.isRunning ?? true { kill(pid, SIGKILL) }
        }
    }

    /// True when the process ended within `seconds`.
    public func waitForExit(within seconds: Double) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.lock.withLock { () -> Bool in
                        if self.status != nil { return true }
                        self.waiters.append(continuation)
                        return false
                    }
                    if done { continuation.resume() }
                }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            if !first {
                // Release the waiter so the group can finish.
                let pending = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
                    defer { waiters = [] }
                    return waiters
                }
                pending.forEach { $0.resume() }
            }
            group.cancelAll()
            return first && exitStatus != nil
        }
    }

    private func append(_ data: Data, error: Bool) {
        lock.withLock {
            if error { stderr.append(data) } else { stdout.append(data) }
        }
    }

    private func finish(_ code: Int32) {
        let pending = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            status = code
            defer { waiters = [] }
            return waiters
        }
        pending.forEach { $0.resume() }
    }

    private static func locate(_ executable: String) -> String {
        if executable.contains("/") { return executable }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = directory + "/" + executable
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return executable
    }
}
