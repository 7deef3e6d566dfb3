import LineEditor

/// Runs work that a Ctrl-C cancels: the SIGINT handler sets a flag, a watcher cancels the task.
public enum Interruptible {
    /// Runs `work` in a task of its own and cancels it when Ctrl-C arrives; returns (or throws) what it does.
    public static func run<Result: Sendable>(
        _ work: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        _ = Terminal.takeInterrupt()
        let task = Task { try await work() }
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(40))
                if Terminal.takeInterrupt() { task.cancel() }
            }
        }
        defer { watcher.cancel() }
        return try await task.value
    }
}
