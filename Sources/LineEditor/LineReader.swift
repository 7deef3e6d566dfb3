/// What one read from the user produced.
public enum LineResult: Sendable, Equatable {
    case line(String)
    /// Ctrl-C at the prompt: discard the line and prompt again.
    case interrupted
    /// Ctrl-D or the end of piped input.
    case endOfInput
}

/// Reads lines of input, with a prompt when there is someone to see it.
public protocol LineReader: AnyObject {
    /// Reads one line without its newline.
    func readLine(prompt: String) -> LineResult
    /// Records a line in the history, when the reader keeps one.
    func addHistory(_ line: String)
}

/// Reads lines from a pipe or file with no editing and no prompt, keeping every byte.
public final class PlainLineReader: LineReader {
    private let read: () -> String?

    /// Reads standard input.
    public convenience init() {
        self.init { Swift.readLine(strippingNewline: true) }
    }

    /// Reads from a custom source; tests pass an array's iterator.
    public init(source: @escaping () -> String?) {
        self.read = source
    }

    public func readLine(prompt: String) -> LineResult {
        guard let line = read() else { return .endOfInput }
        return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
    }

    public func addHistory(_ line: String) {}
}
