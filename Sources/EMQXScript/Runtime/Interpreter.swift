/// A function value: a `def` or a lambda, with the frame it closes over.
public final class FunctionValue: @unchecked Sendable {
    let declaration: FunctionDecl
    let captured: Frame
    init(declaration: FunctionDecl, captured: Frame) {
        self.declaration = declaration
        self.captured = captured
    }
    /// The name it was defined with (`lambda` for lambdas).
    public var name: String { declaration.name }
}

/// The variables of one function call (or of the top level), in slots chosen by the parser.
///
/// Slots live in memory the frame owns, so reading and writing one costs no exclusivity
/// check (a class's array property would pay one on every access); nor does reading where they are, which only
/// the global frame changes (`grow`), and never while a compiled part runs.
final class Frame: @unchecked Sendable {
    @exclusivity(unchecked) private(set) var slots: UnsafeMutablePointer<Value>
    @exclusivity(unchecked) private(set) var count: Int
    /// The frame of the code the function was written in; changed only while the frame waits in a ``FramePool``.
    @exclusivity(unchecked) var parent: Frame?
    /// The next frame of the same size waiting in a ``FramePool``.
    @exclusivity(unchecked) var nextFree: Frame?

    init(slotCount: Int, parent: Frame?) {
        self.count = slotCount
        self.slots = .allocate(capacity: max(slotCount, 1))
        self.slots.initialize(repeating: .null, count: slotCount)
        self.parent = parent
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    /// The slots of the frame `hops` parents up, reached without retaining the frames between.
    @inline(__always)
    func slots(up hops: Int) -> UnsafeMutablePointer<Value> {
        if hops == 0 { return slots }
        var frame = Unmanaged.passUnretained(self)
        for _ in 0..<hops {
            guard let parent = frame._withUnsafeGuaranteedRef({ $0.parent.map(Unmanaged.passUnretained) }) else {
                break
            }
            frame = parent
        }
        return frame._withUnsafeGuaranteedRef { $0.slots }
    }

    /// Sets every slot back to null, for the frame's next call.
    func clear() {
        slots.update(repeating: .null, count: count)
    }

    /// Adds null slots up to `newCount` (the global frame grows as the REPL declares globals).
    func grow(to newCount: Int) {
        guard newCount > count else { return }
        let larger = UnsafeMutablePointer<Value>.allocate(capacity: newCount)
        larger.moveInitialize(from: slots, count: count)
        (larger + count).initialize(repeating: .null, count: newCount - count)
        slots.deallocate()
        slots = larger
        count = newCount
    }
}

/// Where code runs: its frame, and the text it was written in (for messages).
struct Context: Sendable {
    /// Changed only by a call handing its finished frame back to the ``FramePool``.
    var frame: Frame
    let source: SourceText
}

/// How a statement ended.
enum Flow {
    case normal, breakLoop, continueLoop
    case returned(Value)
}

/// `exit N`: ends the whole script with a status; `try` does not catch it.
public struct ScriptExit: Error, Sendable, Equatable {
    public var status: Int32
    public init(status: Int32) { self.status = status }
}

/// The interpreter's call depth, step count and their limits.
struct RunCounters {
    var callDepth = 0
    var steps = 0
    var maximumCallDepth = 200
    var maximumSteps: Int?
}

/// Runs programs of the language. One interpreter keeps its globals across runs, as the REPL needs.
///
/// It runs one program at a time; the shell serialises its calls.
public final class Interpreter: @unchecked Sendable {
    public let host: any ScriptHost
    let globals = GlobalNames()
    let globalFrame = Frame(slotCount: 0, parent: nil)
    let framePool = FramePool()
    let argumentStack = ArgumentStack()
    let textScratch = TextScratch.allocate()
    var sourceDepth = 0
    var regexCache: [String: TextPattern] = [:]
    /// The pattern last looked up: a loop calling `matches($line, "…")` asks for the same one each time, and
    /// comparing it with the last costs less than hashing it (300 instructions for a log line's pattern).
    var lastPattern: (text: String, compiled: TextPattern)?
    /// What every call and loop step reads and changes, kept in memory the interpreter owns: a class's stored
    /// property pays a dynamic exclusivity check on each access, a measurable share of a call.
    private let counters = UnsafeMutablePointer<RunCounters>.allocate(capacity: 1)

    /// Calls deeper than this end the script with RECURSION_LIMIT instead of exhausting the stack.
    public var maximumCallDepth: Int {
        get { counters.pointee.maximumCallDepth }
        set { counters.pointee.maximumCallDepth = newValue }
    }
    /// Loop iterations and calls allowed in one run; nil for no limit. The fuzzer sets one.
    public var maximumSteps: Int? {
        get { counters.pointee.maximumSteps }
        set { counters.pointee.maximumSteps = newValue }
    }
    var callDepth: Int {
        get { counters.pointee.callDepth }
        set { counters.pointee.callDepth = newValue }
    }
    var steps: Int {
        get { counters.pointee.steps }
        set { counters.pointee.steps = newValue }
    }

    /// Whether the compile pass runs; off, every statement is walked as a tree (the differential test runs each
    /// program both ways and expects the same output and errors).
    var compilesPureParts = true

    public init(host: any ScriptHost) {
        self.host = host
        counters.initialize(to: RunCounters())
    }

    deinit {
        counters.deinitialize(count: 1)
        counters.deallocate()
        textScratch.deallocate()
    }

    /// Parses text into a program; parse errors carry file:line:column and the line.
    /// Reads text into a program, pass by pass: the lexer and the parser (with the resolver it consults) build
    /// the syntax tree, and the compile pass turns the parts that cannot suspend into closures.
    public func parse(_ text: String, sourceName: String) throws(ScriptError) -> Program {
        let tree = try Parser.parse(SourceText(name: sourceName, text: text), globals: globals)
        return compilesPureParts ? CompilePass.compile(tree) : tree
    }

    /// Parses and runs text: standalone values go to the host's `show`.
    ///
    /// Throws `ScriptError` (with location) or `ScriptExit`.
    public func run(_ text: String, sourceName: String) async throws {
        try await execute(try parse(text, sourceName: sourceName))
    }

    /// Runs a parsed program in the global scope.
    public func execute(_ program: Program) async throws {
        growGlobals(to: program.globalCount)
        steps = 0
        do {
            _ = try await exec(program.statements, Context(frame: globalFrame, source: program.source))
        } catch let error as ScriptError {
            throw error
        } catch let exit as ScriptExit {
            throw exit
        } catch is CancellationError {
            throw ScriptError(.cancelled, "interrupted")
        } catch {
            throw ScriptError(.command, "\(error)")
        }
    }

    func growGlobals(to count: Int) {
        globalFrame.grow(to: count)
    }

    /// Whether `text` stops in the middle of a construct, so a prompt should ask for another line.
    public static func needsMoreInput(_ text: String, sourceName: String = "<prompt>") -> Bool {
        needsMoreInput(text, sourceName: sourceName, globals: GlobalNames())
    }

    /// The same, knowing this interpreter's globals (so `n += 1` inside an open block is not taken for a typo).
    public func needsMoreInput(_ text: String, sourceName: String = "<prompt>") -> Bool {
        Self.needsMoreInput(text, sourceName: sourceName, globals: globals.copy())
    }

    private static func needsMoreInput(_ text: String, sourceName: String, globals: GlobalNames) -> Bool {
        do {
            _ = try Parser.parse(SourceText(name: sourceName, text: text), globals: globals)
            return false
        } catch {
            return error.code == .incomplete
        }
    }

    /// The names of the global variables and functions, for completion.
    public var globalNames: [String] { globals.slots.keys.sorted() }

    /// The value of a global variable, for hosts and tests.
    public func global(_ name: String) -> Value? {
        guard let slot = globals.slot(of: name), slot < globalFrame.count else { return nil }
        return globalFrame.slots[slot]
    }

    /// Sets (declaring if needed) a global variable, e.g. a script's `args`.
    public func setGlobal(_ name: String, _ value: Value) {
        let slot: Int
        if let existing = globals.slot(of: name) {
            slot = existing
        } else {
            slot = globals.count
            globals.slots[name] = slot
            globals.count += 1
        }
        growGlobals(to: slot + 1)
        globalFrame.slots[slot] = value
    }

    /// An error at a position of the code running in `context`.
    func fail(
        _ code: ScriptError.Code, _ message: String, _ position: Position, _ context: Context, payload: Value? = nil
    ) -> ScriptError {
        let line = Int(position.line)
        return ScriptError(
            code, message, at: SourceLocation(source: context.source.name, line: line, column: Int(position.column)),
            sourceLine: context.source.line(line), payload: payload)
    }

    func location(_ position: Position, _ context: Context) -> SourceLocation {
        SourceLocation(source: context.source.name, line: Int(position.line), column: Int(position.column))
    }
}
