import EMQXShell

/// Standard output and error, unbuffered per call; a closed output ends the process quietly (`StreamWriter`).
public final class StandardStreams: OutputSink {
    /// What is shown is also recorded, while a recording runs.
    public let recording = SessionRecording()

    public init() {}

    public func write(_ text: String) {
        recording.output(text, isError: false)
        StreamWriter.writeOutput(text)
    }

    public func writeError(_ text: String) {
        recording.output(text, isError: true)
        StreamWriter.writeError(text)
    }
}
