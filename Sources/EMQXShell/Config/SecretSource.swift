import Foundation

/// Reads a deployment's secret from a command or a file, with the checks that keep it secret.
enum SecretSource {
    /// How long `secret_command` may take (a password manager waiting for a touch is the slow case).
    static let commandTimeout: Duration = .seconds(30)

    /// Runs `secret_command` through `/bin/sh` and returns its first output, trimmed.
    static func run(
        _ command: String, deployment: String, timeout: Duration = commandTimeout
    ) throws(ShellError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { throw ShellError.usage("deployment \(deployment): cannot run secret_command") }
        // Read while the command runs: a secret larger than the pipe's buffer would otherwise never let it exit.
        let collected = SecretBuffer()
        let reader = Thread { collected.set(output.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
            throw ShellError.usage(
                "deployment \(deployment): secret_command did not finish within \(Int(seconds)) s; it was stopped")
        }
        guard process.terminationStatus == 0 else {
            throw ShellError.usage(
                "deployment \(deployment): secret_command failed with status \(process.terminationStatus)")
        }
        let data = collected.wait()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Reads `secret_file`: the file it names (after symlinks) must be a regular file of this user, mode 0600 or
    /// stricter. Checked on the open file itself, so it cannot be swapped between the check and the read.
    static func read(_ path: String, deployment: String) throws(ShellError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ShellError.usage(
                "deployment \(deployment): cannot read secret_file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ShellError.usage("deployment \(deployment): secret_file \(path) is not a regular file")
        }
        guard info.st_uid == geteuid() else {
            throw ShellError.usage(
                "deployment \(deployment): secret_file \(path) belongs to another user; it must be yours")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw ShellError.usage(
                "deployment \(deployment): secret_file \(path) is readable by group or others; chmod 600 it")
        }
        let data = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The command's output, handed from the reading thread.
private final class SecretBuffer: @unchecked Sendable {
    private let lock = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        lock.lock()
        data = value
        lock.signal()
        lock.unlock()
    }

    func wait() -> Data {
        lock.lock()
        defer { lock.unlock() }
        while data == nil { lock.wait() }
        return data ?? Data()
    }
}
