import Dispatch
import EMQXShell
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error; a closed output ends the process quietly (`StreamWriter`).
///
/// Output to a terminal is written at once. Output to a file or a pipe may be gathered (`buffered`), as C's stdio
/// and Python do: a script printing 100,000 lines made 100,000 `write` calls, more of its time than the printing.
/// Gathered output is written when 64 KiB are waiting, at most 50 ms after it was printed (a script that prints
/// and then waits on the deployment still shows its lines), before anything goes to standard error (so the two
/// keep their order when they go to the same file), and by ``flush()``, which the owner calls before it exits.
public final class StandardStreams: OutputSink {
    /// What is shown is also recorded, while a recording runs.
    public let recording = SessionRecording()
    private let gathers: Bool
    private let gathered = Mutex((bytes: [UInt8](), flushQueued: false))

    /// - Parameter buffered: gather output to a file or a pipe; the owner must call ``flush()`` before it exits.
    public init(buffered: Bool = false) {
        gathers = buffered && isatty(STDOUT_FILENO) == 0
    }

    public func write(_ text: String) {
        recording.output(text, isError: false)
        guard gathers else { return StreamWriter.writeOutput(text) }
        let queueFlush = gathered.withLock { state in
            state.bytes.append(contentsOf: text.utf8)
            if state.bytes.count >= 1 << 16 { Self.drain(&state.bytes) }
            guard !state.bytes.isEmpty, !state.flushQueued else { return false }
            state.flushQueued = true
            return true
        }
        if queueFlush {
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { [self] in flush() }
        }
    }

    public func writeError(_ text: String) {
        flush()
        recording.output(text, isError: true)
        StreamWriter.writeError(text)
    }

    /// Writes what output is gathered.
    public func flush() {
        guard gathers else { return }
        gathered.withLock { state in
            Self.drain(&state.bytes)
            state.flushQueued = false
        }
    }

    /// Written while the lock is held, so that two writers' output keeps its order.
    private static func drain(_ bytes: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { StreamWriter.writeOutput($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
