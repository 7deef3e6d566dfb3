import EMQXFiles
import Foundation

/// Writes a recording as the session goes: every complete line reaches the file (one `write(2)` each) as it is shown,
/// so a crash or a kill loses nothing already on the screen. Secrets are masked before anything is written.
public final class TranscriptRecorder: @unchecked Sendable {
    /// The masks a new recording declares: times, generated ids and the sandbox's ports change from run to run.
    public static let defaultMasks = [
        #"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)? => <time>"#,
        #"\b[0-9A-F]{32}\b => <id>"#,
        #"127\.0\.0\.1:\d+ => 127.0.0.1:<port>"#,
    ]

    public let path: String
    private let handle: FileHandle
    private let started = Date()
    private var secrets: [String]
    private let lock = NSLock()
    private var partial = (out: "", err: "")
    /// Output before the first input (the REPL's banner) belongs to no entry and is left out.
    private var hasInput = false

    /// Opens `path` for appending (created with mode 0600); a new or empty file gets the header.
    public init(
        path: String, width: Int, format: OutputFormat = .table, inputName: String = "<prompt>", secrets: [String]
    ) throws(ShellError) {
        self.path = path
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        let descriptor: Int32
        do { descriptor = try PrivateFile.open(path, .update) } catch { throw ShellError.usage("record: \(error)") }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        self.handle = handle
        // Reading to the end leaves the offset there: every write after appends.
        let existing = (try? handle.readToEnd()) ?? Data()
        if existing.isEmpty {
            write(
                TranscriptFile.header(
                    started: started, width: width, format: format, inputName: inputName, masks: Self.defaultMasks))
        } else if !existing.starts(with: Data(TranscriptFile.magic.utf8)) {
            try? handle.close()
            // Appending to some other file would corrupt it: refuse rather than lose it.
            throw ShellError.usage("record: \(path) exists and is not an emqxsh recording; choose another file")
        } else {
            // The last entry's output stays the last entry's; a new input follows.
            write("#resumed \(started.formatted(.iso8601))\n")
        }
    }

    /// Records an input about to run, with the prompt's context.
    public func input(_ text: String, context: String) {
        lock.withLock {
            flushPartial()
            hasInput = true
            write(
                TranscriptFile.inputLines(
                    offset: Date().timeIntervalSince(started), context: context, input: mask(text)))
        }
    }

    /// Records output as it is shown; complete lines are written at once.
    public func output(_ text: String, isError: Bool) {
        lock.withLock {
            guard hasInput else { return }
            var pending = (isError ? partial.err : partial.out) + text
            while let newline = pending.firstIndex(of: "\n") {
                write(TranscriptFile.outputLine(mask(String(pending[..<newline])), isError: isError))
                pending = String(pending[pending.index(after: newline)...])
            }
            if isError { partial.err = pending } else { partial.out = pending }
        }
    }

    /// Writes what is left and closes the file.
    public func finish() {
        lock.withLock {
            flushPartial()
            try? handle.close()
        }
    }

    private func flushPartial() {
        if !partial.out.isEmpty { write(TranscriptFile.outputLine(mask(partial.out), isError: false)) }
        if !partial.err.isEmpty { write(TranscriptFile.outputLine(mask(partial.err), isError: true)) }
        partial = ("", "")
    }

    /// Passwords typed as flags (`--password s3cret`) are masked too; a check re-runs them with the mask as the
    /// password.
    /// The session's known secrets, and any value typed after a secret flag or key (`SecretText`).
    private func mask(_ text: String) -> String {
        SecretText.masked(secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: SecretText.mask) })
    }

    /// A secret learnt after the recording started (a deployment connected later): masked from now on.
    func learn(_ secret: String) {
        guard !secret.isEmpty else { return }
        lock.withLock {
            if !secrets.contains(secret) { secrets = (secrets + [secret]).sorted { $0.count > $1.count } }
        }
    }

    private func write(_ text: String) {
        try? handle.write(contentsOf: Data(text.utf8))
    }
}

/// The session's recording, if one is running: `record FILE` starts it, `record stop` ends it,
/// the REPL hands it each input and the output streams each piece of output.
public final class SessionRecording: @unchecked Sendable {
    private let lock = NSLock()
    private var recorder: TranscriptRecorder?

    public init() {}

    /// The file being written, if recording.
    public var path: String? { lock.withLock { recorder?.path } }

    public func start(_ recorder: TranscriptRecorder) throws(ShellError) {
        let current: String? = lock.withLock {
            if let existing = self.recorder { return existing.path }
            self.recorder = recorder
            return nil
        }
        if let current {
            recorder.finish()
            throw ShellError.usage("record: already recording to \(current); 'record stop' first")
        }
    }

    /// Stops recording; returns the file it wrote.
    @discardableResult
    public func stop() -> String? {
        let stopped = lock.withLock { () -> TranscriptRecorder? in
            defer { recorder = nil }
            return recorder
        }
        stopped?.finish()
        return stopped?.path
    }

    public func input(_ text: String, context: String) { lock.withLock { recorder }?.input(text, context: context) }

    /// Masks this secret in the recording from now on (a deployment's secret, read after recording began).
    public func learn(_ secret: String) { lock.withLock { recorder }?.learn(secret) }

    public func output(_ text: String, isError: Bool) { lock.withLock { recorder }?.output(text, isError: isError) }
}
