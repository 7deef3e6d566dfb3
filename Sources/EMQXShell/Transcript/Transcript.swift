import Foundation

/// A recorded or written-down shell session: inputs with the context they ran in, and what each printed.
///
/// Recordings (`emqxsh --record`) and the ```` ```emqx ```` blocks of Markdown tutorials both read into
/// this shape, so one checker replays either.
public struct Transcript: Sendable {
    /// One input at the prompt and the output it produced.
    public struct Entry: Sendable, Equatable {
        /// Seconds since the recording started; nil in Markdown.
        public var offset: Double?
        /// The prompt's context: `sandbox v5`, `prod auto`, `none`.
        public var context: String
        /// What was typed, continuation lines included.
        public var input: String
        /// What was shown, in order.
        public var output: [OutputLine]
        /// The line of the file where the entry starts, for messages.
        public var line: Int
        /// The API generation (`v4`, `v5`) this entry is checked on alone; nil for both.
        public var onlyOn: String?

        public init(offset: Double? = nil, context: String, input: String, output: [OutputLine] = [], line: Int = 0) {
            self.offset = offset
            self.context = context
            self.input = input
            self.output = output
            self.line = line
        }
    }

    /// Where the session's text comes from, for messages: a file path.
    public var source: String
    public var masks: [MaskRule]
    public var entries: [Entry]
    /// The terminal width tables were cut to.
    public var width: Int
    /// Shell commands a Markdown tutorial starts in the background before an entry, by entry index.
    public var background: [Int: [String]]
    /// The output format results were shown in (`table` at a terminal, `json` when piped).
    public var format: OutputFormat = .table
    /// The name errors gave for the input's source: `<prompt>` at the REPL, `-c` or a file name otherwise.
    public var inputName = "<prompt>"

    public init(
        source: String, masks: [MaskRule] = [], entries: [Entry] = [], width: Int = 100,
        background: [Int: [String]] = [:]
    ) {
        self.source = source
        self.masks = masks
        self.entries = entries
        self.width = width
        self.background = background
    }
}

/// One line of output as the user saw it; `isError` marks standard error.
public struct OutputLine: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// A rule that hides a volatile value (a time, a generated id, a counter) before outputs are compared.
public struct MaskRule: Sendable {
    public let pattern: String
    public let replacement: String
    private let expression: NSRegularExpression

    /// Compiles `pattern` (ICU regular expression syntax).
    public init(pattern: String, replacement: String) throws(ShellError) {
        self.pattern = pattern
        self.replacement = replacement
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ShellError.usage("mask: '\(pattern)' is not a valid regular expression")
        }
    }

    /// Reads `REGEX => REPLACEMENT`.
    public init(declaration: String) throws(ShellError) {
        guard let arrow = declaration.range(of: " => ") else {
            throw ShellError.usage("mask: expected 'REGEX => REPLACEMENT', found '\(declaration)'")
        }
        try self.init(
            pattern: String(declaration[..<arrow.lowerBound]), replacement: String(declaration[arrow.upperBound...]))
    }

    /// Replaces every match; the replacement may name groups as `$1`, `$2` (a literal `$` is written `\$`).
    public func apply(_ text: String) -> String {
        expression.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacement)
    }
}

extension [MaskRule] {
    /// Applies every rule in order.
    public func apply(_ text: String) -> String { reduce(text) { $1.apply($0) } }
}
