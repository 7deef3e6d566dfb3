/// A parse or runtime error in a script, with where it happened and what was expected.
public struct ScriptError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public var location: SourceLocation?
    /// The offending source line, for the caret display.
    public var sourceLine: String?
    /// A structured value a script threw or a command failed with (`{code, message, …}`), if any.
    public var payload: Value?

    public init(
        _ code: Code, _ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil,
        payload: Value? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.payload = payload
    }

    /// `error: message` then ` --> file:line:col`, the line and a caret, in swift-parsing's style.
    public var description: String {
        // A code the script or a command chose (NEGATIVE, CLIENTID_NOT_FOUND) is worth showing.
        var out = Code.standard.contains(code.name) ? "error: \(message)" : "error: \(code.name): \(message)"
        guard let location else { return out }
        out += "\n --> \(location)"
        if let sourceLine {
            let gutter = String(location.line)
            let pad = String(repeating: " ", count: gutter.count)
            let caretPad = String(sourceLine.prefix(max(0, location.column - 1)).map { $0 == "\t" ? "\t" : " " })
            out += "\n\(pad) |\n\(gutter) | \(sourceLine)\n\(pad) | \(caretPad)^"
        }
        return out
    }

    /// The one-line form: `file:line:col: message`.
    public var shortDescription: String {
        location.map { "\($0): \(message)" } ?? message
    }

    public static func == (a: ScriptError, b: ScriptError) -> Bool {
        a.code == b.code && a.message == b.message && a.location == b.location
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
    }
}

extension ScriptError {
    /// The kind of a script error; scripts read it as `$e.code`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }

        /// The text cannot be parsed.
        public static let syntax = Code("SYNTAX_ERROR")
        /// The text stops in the middle of a construct: more input could complete it.
        public static let incomplete = Code("INCOMPLETE_INPUT")
        public static let undefinedVariable = Code("UNDEFINED_VARIABLE")
        public static let undefinedCommand = Code("UNDEFINED_COMMAND")
        public static let argumentCount = Code("WRONG_ARGUMENT_COUNT")
        public static let type = Code("TYPE_ERROR")
        public static let value = Code("VALUE_ERROR")
        public static let divisionByZero = Code("DIVISION_BY_ZERO")
        public static let overflow = Code("INTEGER_OVERFLOW")
        public static let index = Code("INDEX_OUT_OF_RANGE")
        public static let key = Code("KEY_NOT_FOUND")
        public static let recursion = Code("RECURSION_LIMIT")
        public static let cancelled = Code("CANCELLED")
        /// A command failed; the payload carries the command's own error (e.g. the API's).
        public static let command = Code("COMMAND_ERROR")
        /// The script raised it with `throw`.
        public static let thrown = Code("THROWN")
        public static let io = Code("IO_ERROR")

        static let standard: Set<String> = [
            "SYNTAX_ERROR", "INCOMPLETE_INPUT", "UNDEFINED_VARIABLE", "UNDEFINED_COMMAND", "WRONG_ARGUMENT_COUNT",
            "TYPE_ERROR", "VALUE_ERROR", "DIVISION_BY_ZERO", "INTEGER_OVERFLOW", "INDEX_OUT_OF_RANGE", "KEY_NOT_FOUND",
            "RECURSION_LIMIT", "CANCELLED", "COMMAND_ERROR", "THROWN", "IO_ERROR", "USAGE_ERROR", "SHELL_ERROR",
        ]

        /// A code a host or script names itself.
        public static func custom(_ name: String) -> Code { Code(name) }

        public var description: String { name }
    }
}
