import CTOML
import EMQXJSON

/// A TOML value of the kinds TOML 1.0 has.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// An offset date-time, local date-time, local date or local time, as written.
    case dateTime(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var integer: Int64? { if case .integer(let i) = self { return i } else { return nil } }
    public var table: [String: TOMLValue]? { if case .table(let t) = self { return t } else { return nil } }
}

/// A configuration file that could not be read, with where.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A parsed TOML 1.0 document (CRLF, multi-line strings and arrays, inline tables, quoted and dotted keys, dates),
/// read by toml++, the maintained C++ parser Debian ships, through the `CTOML` shim.
public struct TOMLDocument: Sendable {
    /// The top-level table.
    public var root: [String: TOMLValue]
    /// The line each value starts on, by its key path (``lineKey(_:)``), for messages about it.
    private var lines: [String: Int]

    /// The value at a key path, e.g. `["deployments", "prod", "url"]`.
    public subscript(_ path: String...) -> TOMLValue? {
        var current: TOMLValue? = .table(root)
        for key in path { current = current?.table?[key] }
        return current
    }

    /// The line of the value at a key path.
    public func line(_ path: [String]) -> Int? { lines[Self.lineKey(path)] }

    /// A key path as one string, each key prefixed by its length so that no two paths read the same. Not the path
    /// itself: the first `Dictionary` keyed by `[String]` costs a scan of every protocol conformance in the
    /// program, about 2% of a whole one-request `emqxsh`.
    private static func lineKey(_ path: [String]) -> String {
        path.map { "\($0.utf8.count):\($0)" }.joined()
    }

    public static func parse(_ text: String) throws(TOMLError) -> TOMLDocument {
        var bytes = Array(text.utf8)
        if bytes.contains(0) {
            throw TOMLError(line: 1, column: 1, message: "the file holds a NUL byte; it is not text")
        }
        let raw = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                ctoml_parse($0, buffer.count)
            }
        }
        guard let raw else { throw TOMLError(line: 1, column: 1, message: "out of memory reading TOML") }
        defer { ctoml_free(raw) }
        guard let answer = try? JSONParser.parse(String(cString: raw)) else {
            throw TOMLError(line: 1, column: 1, message: "the TOML reader gave an answer that could not be read")
        }
        if let message = answer["error"]?.stringValue {
            throw TOMLError(
                line: Int(answer["line"]?.intValue ?? 1), column: Int(answer["column"]?.intValue ?? 1), message: message
            )
        }
        var document = TOMLDocument(root: [:], lines: [:])
        guard case .table(let root)? = answer["ok"].map({ document.value($0, path: []) }) else {
            throw TOMLError(line: 1, column: 1, message: "the document is not a table")
        }
        document.root = root
        return document
    }

    private mutating func value(_ node: JSONValue, path: [String]) -> TOMLValue {
        if let line = node["l"]?.intValue, line > 0 { lines[Self.lineKey(path)] = Int(line) }
        let payload = node["v"] ?? .null
        switch node["t"]?.stringValue {
        case "s": return .string(payload.stringValue ?? "")
        case "i": return .integer(payload.intValue ?? 0)
        case "f":
            switch payload.stringValue {
            case "nan": return .float(.nan)
            case "inf": return .float(.infinity)
            case "-inf": return .float(-.infinity)
            default: return .float(payload.doubleValue ?? 0)
            }
        case "b": return .bool(payload == .bool(true))
        case "d": return .dateTime(payload.stringValue ?? "")
        case "a":
            return .array(
                (payload.arrayValue ?? []).enumerated().map { value($0.element, path: path + [String($0.offset)]) })
        default:
            var table: [String: TOMLValue] = [:]
            for (key, item) in payload.objectValue ?? [:] { table[key] = value(item, path: path + [key]) }
            return .table(table)
        }
    }
}
