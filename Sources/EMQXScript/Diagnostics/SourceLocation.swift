/// A place in a script: which source, line and column (both from 1, columns in characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The name the source was given: a file path, `<stdin>`, `<prompt>` or `-c`.
    public var source: String
    public var line: Int
    public var column: Int

    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// `file.emqx:12:7`
    public var description: String { "\(source):\(line):\(column)" }
}

/// A script's text, kept to quote the offending line in diagnostics.
public final class SourceText: Sendable {
    public let name: String
    public let text: String
    private let lines: [Substring]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The text of a line (from 1), without its newline.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }
}
