/// Where a variable lives, decided when the script is parsed.
enum VariableRef: Equatable {
    /// A slot of the current frame.
    case local(Int)
    /// A slot of an enclosing function's frame, `hops` frames up (a closure's capture).
    case outer(hops: Int, slot: Int)
    /// A global not known when the code was parsed; looked up by name when it runs.
    case global(String)
}

/// A source position, compact: the parser's source name is kept once per program.
struct Position: Equatable {
    var line: Int32
    var column: Int32
    init(_ line: Int, _ column: Int) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }
}

indirect enum Expr {
    case literal(Value, Position)
    case interpolated([InterpolationPart], Position)
    case variable(VariableRef, name: String, Position)
    case list([Expr], Position)
    case map([(key: String, value: Expr)], Position)
    case field(Expr, String, Position)
    case index(Expr, Expr, Position)
    case unary(UnaryOperator, Expr, Position)
    case binary(BinaryOperator, Expr, Expr, Position)
    case and(Expr, Expr, Position)
    case or(Expr, Expr, Position)
    case range(Expr, Expr, inclusive: Bool, Position)
    /// `name(args)`: a user function, a builtin, or a function value in a variable of that name.
    case call(name: String, VariableRef?, [Expr], Position)
    /// `$f(args)` or `(expr)(args)`: calling a function value.
    case callValue(Expr, [Expr], Position)
    case lambda(FunctionDecl)
    case command(CommandCall)
    /// An expression that cannot suspend (no commands, no user calls), compiled to a closure that
    /// runs without async overhead; the original is kept for its position and for tests.
    case synchronous(Expr, CompiledExpression)

    /// The parts of `a..b` or `a..<b`, looking through the synchronous wrapper, so `for` can walk
    /// a range without building its list.
    var rangeParts: (low: Expr, high: Expr, inclusive: Bool, position: Position)? {
        switch self {
        case .range(let low, let high, let inclusive, let position): return (low, high, inclusive, position)
        case .synchronous(let inner, _): return inner.rangeParts
        default: return nil
        }
    }

    var position: Position {
        switch self {
        case .literal(_, let p), .interpolated(_, let p), .variable(_, _, let p), .list(_, let p), .map(_, let p),
            .field(_, _, let p), .index(_, _, let p), .unary(_, _, let p), .binary(_, _, _, let p), .and(_, _, let p),
            .or(_, _, let p), .range(_, _, _, let p), .call(_, _, _, let p), .callValue(_, _, let p):
            return p
        case .lambda(let f): return f.position
        case .command(let c): return c.position
        case .synchronous(let e, _): return e.position
        }
    }
}

enum InterpolationPart {
    case text(String)
    case expression(Expr)
}

enum UnaryOperator: String { case negate = "-", not = "not" }

enum BinaryOperator: String {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case matches = "=~", notMatches = "!~", contains = "in"
}

/// A command with its arguments, run through the host (or a user function called shell-style).
struct CommandCall {
    var name: String
    /// `$(…)`: the result is captured, so a stream is read to its end (it can then be indexed).
    var captures = false
    /// The variable of that name when one was in scope (a function called shell-style); else looked up when run.
    var function: VariableRef
    var arguments: [CommandArgumentExpr]
    var position: Position

    /// The arguments, when none is a flag: a builtin can take them as a call's.
    var valueArguments: [Expr]? {
        var values: [Expr] = []
        for argument in arguments {
            guard case .value(let value) = argument else { return nil }
            values.append(value)
        }
        return values
    }
}

enum CommandArgumentExpr {
    /// `--name` or `-n`, as written.
    case flag(String, Position)
    case value(Expr)
}

/// A function: from `def` or a lambda.
final class FunctionDecl: @unchecked Sendable {
    let name: String
    var parameters: [Parameter]
    var body: [Stmt]
    /// How many slots its frame needs: parameters first, then locals.
    var slotCount: Int
    let position: Position
    /// The text it was written in, for messages about code in its body.
    let source: SourceText
    /// The whole body compiled, when it cannot suspend and every parameter is required: calls run it directly.
    var compiledBody: CompiledStatement?
    /// Whether a compiled body changes no variable outside its own frame, so calling it cannot rebind anything its
    /// caller holds (a compiled part may call such a function through a variable; see ``Purity``).
    var isSealed = false
    /// The variables of enclosing frames its compiled body assigns, as the body names them (`outer` or `global`):
    /// a compiled part may call it through a variable when none of them is one the part relies on (see
    /// ``Interpreter/admits(_:_:)``).
    var outerWrites: [VariableRef] = []

    struct Parameter {
        var name: String
        var defaultValue: Expr?
    }

    init(name: String, parameters: [Parameter], body: [Stmt], slotCount: Int, position: Position, source: SourceText) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.slotCount = slotCount
        self.position = position
        self.source = source
    }
}

indirect enum Stmt {
    /// A command or expression standing alone: its value is shown when not null.
    case expression(Expr, show: Bool)
    case define(slot: Int, Expr, Position)
    case assign(LValue, Expr, Position)
    case compoundAssign(LValue, BinaryOperator, Expr, Position)
    case ifChain([(condition: Expr, body: [Stmt])], elseBody: [Stmt]?)
    case forIn(keySlot: Int?, valueSlot: Int, Expr, [Stmt], Position)
    /// `for x in … --parallel N { … }`: the body is a function of the loop variables, run for N items at once.
    case parallelFor(ParallelLoop)
    case whileLoop(Expr, [Stmt], Position)
    case breakLoop(Position)
    case continueLoop(Position)
    case def(FunctionDecl, slot: VariableRef)
    case returnValue(Expr?, Position)
    case tryCatch(body: [Stmt], catchSlot: Int?, handler: [Stmt]?, finally: [Stmt]?, Position)
    case source(Expr, Position)
    case exit(Expr?, Position)
    case throwError(Expr, Position)
    /// A statement that cannot suspend, compiled to a closure (a loop of arithmetic, say).
    case synchronous(Stmt, CompiledStatement)
}

/// A loop whose items run concurrently: its body is a function of the loop's variables (one or two parameters).
struct ParallelLoop {
    var body: FunctionDecl
    var sequence: Expr
    var width: Expr
    var position: Position
}

/// What an assignment writes to: a variable, or a field or element reached from one.
struct LValue {
    var variable: VariableRef
    var name: String
    var path: [PathStep]
    var position: Position
    /// The keys of a path of fields only (`$m.a.b`), made once so assignments allocate nothing.
    let fieldKeys: [Value]?

    init(variable: VariableRef, name: String, path: [PathStep], position: Position) {
        self.variable = variable
        self.name = name
        self.path = path
        self.position = position
        var keys: [Value] = []
        for step in path {
            guard case .field(let field) = step else {
                fieldKeys = nil
                return
            }
            keys.append(.string(field))
        }
        fieldKeys = keys
    }

    enum PathStep {
        case field(String)
        case index(Expr)
    }
}
