import Foundation

/// An output sink that keeps what is written, in order, split into lines: for checking sessions and for tests.
public final class CapturingSink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [(text: String, isError: Bool)] = []

    public init() {}

    public func write(_ text: String) { lock.withLock { chunks.append((text, false)) } }
    public func writeError(_ text: String) { lock.withLock { chunks.append((text, true)) } }

    /// The lines written since the last call, standard output and error interleaved as written.
    public func takeLines() -> [OutputLine] {
        let taken = lock.withLock { () -> [(text: String, isError: Bool)] in
            defer { chunks = [] }
            return chunks
        }
        var lines: [OutputLine] = []
        var pending: (text: String, isError: Bool)?
        for chunk in taken {
            var text = chunk.text
            if let open = pending {
                if open.isError == chunk.isError {
                    text = open.text + text
                } else {
                    lines.append(OutputLine(open.text, isError: open.isError))
                }
                pending = nil
            }
            var parts = text.components(separatedBy: "\n")
            let last = parts.removeLast()
            lines += parts.map { OutputLine($0, isError: chunk.isError) }
            if !last.isEmpty { pending = (last, chunk.isError) }
        }
        if let open = pending { lines.append(OutputLine(open.text, isError: open.isError)) }
        return lines
    }
}
