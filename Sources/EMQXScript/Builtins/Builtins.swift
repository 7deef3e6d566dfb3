/// What a builtin gets besides its arguments: a way to call back into the script and to report errors.
///
/// It refers to the interpreter and the caller's frame without holding them: the caller holds both while the builtin
/// runs, and no builtin keeps its `BuiltinCall` past that. Holding them cost three retains and releases per call.
struct BuiltinCall: Sendable {
    unowned(unsafe) let interpreter: Interpreter
    let name: String
    let position: Position
    private unowned(unsafe) let frame: Frame
    private unowned(unsafe) let source: SourceText
    /// The interpreter's scratch for text a builtin builds (see ``TextScratch``).
    let textScratch: TextScratch

    init(interpreter: Interpreter, name: String, position: Position, context: Context) {
        self.interpreter = interpreter
        self.name = name
        self.position = position
        self.frame = context.frame
        self.source = context.source
        self.textScratch = interpreter.textScratch
    }

    /// The caller's context, for errors and for calls back into the script.
    var context: Context { Context(frame: frame, source: source) }

    func error(_ code: ScriptError.Code, _ message: String) -> ScriptError {
        interpreter.fail(code, "\(name)(): \(message)", position, context)
    }

    func typeError(_ what: String, _ value: Value) -> ScriptError {
        error(.type, "expected \(what), got \(interpreter.describe(value))")
    }

    /// Calls a function argument (a lambda or a `def`), as `map` and `filter` do.
    func call(_ function: Value, _ arguments: [Value]) async throws -> Value {
        try await interpreter.callValue(function, arguments, named: [:], position, context)
    }

    /// A function argument as a plain call of one argument, when its body was compiled whole, the functions it
    /// calls are still those its program defined, and those it calls through variables can run compiled (checked
    /// once: nothing a compiled body runs can redefine them).
    /// Nil otherwise: call it with ``call(_:_:)``.
    func directly(_ function: Value) -> ((Value) throws -> Value)? {
        guard case .function(let callee) = function, let body = callee.declaration.compiledBody,
            interpreter.holds(body.requirements),
            body.valueCalls.isEmpty || interpreter.admitsAnyArguments(callee, body)
        else { return nil }
        return { [interpreter, position, context] item in
            var call = try interpreter.enterCompiled(callee, body, count: 1, position, context)
            call.arguments[0] = item
            return try interpreter.complete(&call)
        }
    }

    /// The items of a list argument (streams were read to their end before the call).
    func list(_ value: Value, _ what: String = "a list") throws -> [Value] {
        guard case .list(let items) = value else { throw typeError(what, value) }
        return items
    }

    func string(_ value: Value) throws -> String {
        guard case .string(let text) = value else { throw typeError("a string", value) }
        return text
    }

    func int(_ value: Value) throws -> Int64 {
        switch value {
        case .int(let i): return i
        case .string(let text):
            if let i = ASCIIText.wholeNumber(text) { return i }
            guard let i = Int64(text.trimmingSpaces()) else { throw typeError("an integer", value) }
            return i
        default: throw typeError("an integer", value)
        }
    }

    func number(_ value: Value) throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string(let text):
            if let d = ASCIIText.decimalNumber(text) { return d }
            guard let d = Double(text.trimmingSpaces()) else { throw typeError("a number", value) }
            return d
        default: throw typeError("a number", value)
        }
    }
}

/// A function every script has: `len`, `map`, `print`, …
///
/// Most never suspend and are `sync`; those that call back into the script or into the host
/// (`map`, `print`, `sleep`) are `async`. Either gets lists, never streams.
struct Builtin: Sendable {
    typealias Sync = @Sendable (BuiltinCall, Arguments) throws -> Value
    typealias Async = @Sendable (BuiltinCall, [Value]) async throws -> Value

    /// The body, by kind. Held in an enum of its own rather than as two optionals: a closure in an optional is
    /// called through two reabstraction thunks, on every call.
    enum Body: Sendable {
        case sync(Sync)
        case async(Async)
    }

    /// A short way for the common case, from arguments lent (``Arguments/lend(_:_:)``): nil when it does not
    /// apply (another type, another count, text that is not ASCII), and the body answers, errors included.
    typealias Lent = @Sendable (Arguments, TextScratch) -> Value?

    let arity: ClosedRange<Int>
    let body: Body
    /// Tried before the body, by compiled calls and the general evaluator: it needs no ``BuiltinCall``, nor the
    /// body's checks, which cost a text builtin's call as much as its work.
    let lent: Lent?

    init(_ arity: ClosedRange<Int>, lent: Lent? = nil, _ body: @escaping Sync) {
        self.arity = arity
        self.body = .sync(body)
        self.lent = lent
    }

    init(_ arity: ClosedRange<Int>, _ body: @escaping Async) {
        self.arity = arity
        self.body = .async(body)
        self.lent = nil
    }

    /// Whether it runs without suspending, so compiled code can call it.
    var isSync: Bool {
        if case .sync = body { return true }
        return false
    }
}

enum Builtins {
    /// Every builtin by name. A name two groups define stops the program at its start, naming both groups: one
    /// silently shadowing the other would change what scripts do.
    static let table: [String: Builtin] = {
        switch assemble(["core": core, "text": text, "functional": functional, "system": system]) {
        case .success(let table): return table
        case .failure(let clash): preconditionFailure("\(clash)")
        }
    }()

    /// A builtin name defined by two groups.
    struct DuplicateName: Error, CustomStringConvertible {
        let name: String
        let groups: [String]
        var description: String { "the builtin \(name)() is defined twice, in \(groups.joined(separator: " and "))" }
    }

    /// Joins groups of builtins into one table; a name in two groups is an error.
    static func assemble(_ groups: [String: [String: Builtin]]) -> Result<[String: Builtin], DuplicateName> {
        var table: [String: Builtin] = [:]
        var owner: [String: String] = [:]
        for group in groups.keys.sorted() {
            for (name, builtin) in groups[group] ?? [:] {
                if let first = owner[name] { return .failure(DuplicateName(name: name, groups: [first, group])) }
                owner[name] = group
                table[name] = builtin
            }
        }
        return .success(table)
    }

    static func describe(_ arity: ClosedRange<Int>) -> String {
        let plural = arity.upperBound == 1 ? "" : "s"
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument\(plural)" }
        if arity.upperBound == Int.max {
            return "at least \(arity.lowerBound) argument\(arity.lowerBound == 1 ? "" : "s")"
        }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }

    /// Builtin names, for completion and suggestions.
    static var names: [String] { table.keys.sorted() }
}

extension String {
    /// The text without whitespace at either end, as `Character.isWhitespace` says.
    func trimmingSpaces() -> String {
        if let trimmed = ASCIIText.trimmed(self) { return trimmed }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
