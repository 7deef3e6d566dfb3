public import EMQXJSON
import Synchronization

/// A value of the language: what variables hold, expressions produce and commands return.
public enum Value: Sendable {
    case null
    case bool(Bool)
    /// A 64-bit integer; arithmetic that overflows is an error, never a wrap-around.
    case int(Int64)
    case double(Double)
    case string(String)
    case list([Value])
    /// A map whose keys keep their insertion order (and JSON's order).
    case map(OrderedMap<Value>)
    /// A function or lambda, with what it captured.
    case function(FunctionValue)
    /// A lazily produced sequence, e.g. a command's paged result; `for` pulls it item by item.
    case stream(ValueStream)
    /// An error caught by `catch`, or made by `error()`: code, message, where, details.
    indirect case error(ErrorValue)

    /// The type name scripts see from `type()` and in error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "string"
        case .list: return "list"
        case .map: return "map"
        case .function: return "function"
        case .stream: return "stream"
        case .error: return "error"
        }
    }

    /// Truthiness: null, false, 0, 0.0, "" and empty collections are false.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        case .function, .stream, .error: return true
        }
    }

    /// A map built from key/value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, Value>) -> Value {
        var map = OrderedMap<Value>()
        for (key, value) in pairs { map[key] = value }
        return .map(map)
    }
}

extension Value: Equatable {
    /// Structural equality; an int equals a float of the same value; functions and streams by identity.
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int(let x), .double(let y)), (.double(let y), .int(let x)): return Double(x) == y
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)): return x == y
        case (.function(let x), .function(let y)): return x === y
        case (.stream(let x), .stream(let y)): return x === y
        case (.error(let x), .error(let y)): return x == y
        default: return false
        }
    }
}

// Not ExpressibleByNilLiteral: `nil` must always mean "no value" (the end of a stream), never `.null`.
extension Value: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(OrderedMap(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// A sequence of values produced on demand.
public final class ValueStream: Sendable {
    /// Returns the next item, or nil at the end.
    public typealias Next = @Sendable () async throws -> Value?
    private let makeNext: @Sendable () -> Next
    /// A name for messages, e.g. the command that produced it.
    public let name: String
    /// Whether its items come as events happen (MQTT messages), not as fast as they can be read: each is shown as
    /// soon as it arrives.
    public let isLive: Bool
    /// The next item if it has already arrived (a live stream's burst), taken without waiting; nil when none has.
    /// A reader can hold its output while items keep coming, and write it in one go when this runs dry. Nil: the
    /// stream cannot tell.
    public let readyItem: (@Sendable () -> Value?)?
    /// Where the items come from (an MQTT connection's event loop): a reader that prefers this executor takes
    /// them on the thread they arrive on. Nil: any.
    public let executor: (any TaskExecutor)?

    /// - Parameters:
    ///   - name: A name for messages.
    ///   - live: Whether items come as events happen.
    ///   - readyItem: The next item if it has already arrived, from the same iterator as the walk's.
    ///   - executor: Where the items come from, for a reader to prefer.
    ///   - makeIterator: called once per traversal, so a stream can be walked more than once.
    public init(
        name: String, live: Bool = false, readyItem: (@Sendable () -> Value?)? = nil,
        executor: (any TaskExecutor)? = nil, makeIterator: @escaping @Sendable () -> Next
    ) {
        self.name = name
        self.isLive = live
        self.readyItem = readyItem
        self.executor = executor
        self.makeNext = makeIterator
    }

    /// A stream over a list that is already in memory.
    public convenience init(name: String, values: [Value]) {
        self.init(name: name) {
            let box = IndexBox()
            return {
                let index = box.take()
                guard index < values.count else { return nil }
                return values[index]
            }
        }
    }

    public func makeIterator() -> Next { makeNext() }

    /// All items, or the first `limit`.
    public func collect(limit: Int = .max) async throws -> [Value] {
        let next = makeIterator()
        var items: [Value] = []
        while items.count < limit, let item = try await next() {
            try Task.checkCancellation()
            items.append(item)
        }
        return items
    }
}

/// A counter a stream's iterator advances; each traversal gets its own.
final class IndexBox: Sendable {
    private let index = Mutex(0)
    func take() -> Int {
        index.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

/// An error as a value: what `catch e` binds.
public struct ErrorValue: Sendable, Equatable {
    /// e.g. `DIVISION_BY_ZERO`, `CLIENTID_NOT_FOUND`, `112`.
    public var code: String
    public var message: String
    public var location: SourceLocation?
    public var details: Value

    public init(code: String, message: String, location: SourceLocation? = nil, details: Value = .null) {
        self.code = code
        self.message = message
        self.location = location
        self.details = details
    }

    /// The fields scripts read: `$e.code`, `$e.message`, `$e.line`, …
    public func field(_ name: String) -> Value? {
        switch name {
        case "code": return .string(code)
        case "message": return .string(message)
        case "source": return location.map { .string($0.source) } ?? .null
        case "line": return location.map { .int(Int64($0.line)) } ?? .null
        case "column": return location.map { .int(Int64($0.column)) } ?? .null
        case "details": return details
        default: return nil
        }
    }
}
