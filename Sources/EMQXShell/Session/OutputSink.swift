/// Where the shell writes: standard output and standard error, or a buffer in tests.
public protocol OutputSink: Sendable {
    func write(_ text: String)
    func writeError(_ text: String)
}
