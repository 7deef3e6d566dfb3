/// A parsed script, ready to run.
public struct Program: @unchecked Sendable {
    let statements: [Stmt]
    /// How many global slots the program needs in all (earlier lines' included).
    let globalCount: Int
    let source: SourceText

    /// The program cut into its top-level statements, to run one at a time (`--continue-on-error`).
    public var statementPrograms: [Program] {
        statements.map { Program(statements: [$0], globalCount: globalCount, source: source) }
    }
}

/// Parses the language: shell-like commands and a small expression language, one grammar for
/// the prompt and for `.emqx` files (docs/language.md has it in EBNF).
struct Parser {
    var lexer: Lexer
    let source: SourceText
    var lookahead: Token?
    /// Names in scope, asked as the grammar needs and told of each declaration.
    var resolver: Resolver
    var depth = 0
    var loopDepth = 0
    /// While reading a `for` loop's sequence: `--parallel` ends it.
    var parallelClauseAllowed = false
    var functionDepth = 0
    static let maximumDepth = 200

    init(source: SourceText, globals: GlobalNames) {
        self.source = source
        self.lexer = Lexer(source.text, sourceName: source.name)
        self.resolver = Resolver(globals: globals)
    }

    /// Parses (and resolves) a whole program into its syntax tree; the globals it declares are added to `globals`
    /// only when it parses. The tree is not compiled yet: `Compiler.compile` does that.
    static func parse(_ source: SourceText, globals: GlobalNames) throws(ScriptError) -> Program {
        var parser = Parser(source: source, globals: globals)
        var statements: [Stmt] = []
        while true {
            let token = try parser.peek(skipNewlines: true)
            if token.kind == .end { break }
            statements.append(try parser.statement())
            try parser.endOfStatement()
        }
        parser.resolver.commitGlobals()
        return Program(statements: statements, globalCount: parser.resolver.slotCount, source: source)
    }

    // MARK: Tokens

    mutating func peek(skipNewlines: Bool = false) throws(ScriptError) -> Token {
        if let lookahead {
            if skipNewlines && lookahead.kind == .newline {
                self.lookahead = nil
                return try peek(skipNewlines: true)
            }
            return lookahead
        }
        let token: Token
        do { token = try lexer.next(skipNewlines: skipNewlines) } catch { throw withLine(error) }
        lookahead = token
        return token
    }

    @discardableResult
    mutating func take(skipNewlines: Bool = false) throws(ScriptError) -> Token {
        let token = try peek(skipNewlines: skipNewlines)
        lookahead = nil
        return token
    }

    mutating func isSymbol(_ symbol: String, skipNewlines: Bool = false) throws(ScriptError) -> Bool {
        try peek(skipNewlines: skipNewlines).kind == .symbol(symbol)
    }

    mutating func expectSymbol(_ symbol: String, _ context: String, skipNewlines: Bool = false) throws(ScriptError) {
        let token = try peek(skipNewlines: skipNewlines)
        guard token.kind == .symbol(symbol) else { throw unexpected(token, expected: "'\(symbol)' \(context)") }
        lookahead = nil
    }

    mutating func expectIdentifier(_ what: String) throws(ScriptError) -> (String, Token) {
        let token = try take()
        guard case .identifier(let name) = token.kind, !reservedWords.contains(name) else {
            throw unexpected(token, expected: what)
        }
        return (name, token)
    }

    func position(_ token: Token) -> Position { Position(token.line, token.column) }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(source: source.name, line: line, column: column)
    }

    func syntaxError(_ message: String, at token: Token) -> ScriptError {
        if token.kind == .end {
            return ScriptError(
                .incomplete, message, at: location(token.line, token.column), sourceLine: source.line(token.line))
        }
        return ScriptError(
            .syntax, message, at: location(token.line, token.column), sourceLine: source.line(token.line))
    }

    func unexpected(_ token: Token, expected: String) -> ScriptError {
        syntaxError("expected \(expected), found \(describe(token))", at: token)
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier(let name): return reservedWords.contains(name) ? "keyword '\(name)'" : "'\(name)'"
        case .variable(let name): return "'$\(name)'"
        case .integer(let value): return "the number \(value)"
        case .float(let value): return "the number \(value)"
        case .string, .rawString: return "a string"
        case .commandStart: return "'$('"
        case .symbol(let symbol): return "'\(symbol)'"
        case .newline: return "the end of the line"
        case .end: return "the end of the input"
        }
    }

    /// Adds the source line to a lexer error.
    func withLine(_ error: ScriptError) -> ScriptError {
        var copy = error
        if let line = error.location?.line { copy.sourceLine = source.line(line) }
        return copy
    }

    mutating func enterNesting(_ token: Token) throws(ScriptError) {
        depth += 1
        if depth > Self.maximumDepth { throw syntaxError("nesting deeper than \(Self.maximumDepth) levels", at: token) }
    }

    // MARK: Variables

    func resolve(_ name: String) -> VariableRef? { resolver.resolve(name) }

    func isKnownVariable(_ name: String) -> Bool { resolver.isVariable(name) }

    func isKnownFunction(_ name: String) -> Bool { resolver.isFunction(name) }
}
