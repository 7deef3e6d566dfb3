/// A TOML value of the kinds emqxsh's configuration uses.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table([String: TOMLValue])

    public var string: String? { if case .string(let s) = self { return s } else { return nil } }
    public var integer: Int64? { if case .integer(let i) = self { return i } else { return nil } }
    public var table: [String: TOMLValue]? { if case .table(let t) = self { return t } else { return nil } }
}

/// A configuration file that could not be read, with its line.
public struct TOMLError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Reads the TOML 1.0 that configuration files use: comments, `[table]` and `[a.b]` headers,
/// `key = value` with strings (basic and literal), integers, floats, booleans and one-line arrays.
///
/// Written here because the one TOML library available to the project (TOMLKit) depends on a
/// package that cannot be resolved in its build environment.
public enum TOMLDocument {
    public static func parse(_ text: String) throws(TOMLError) -> [String: TOMLValue] {
        var root: [String: TOMLValue] = [:]
        var path: [String] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var line = Substring(stripComment(String(rawLine)))
            line = line.drop { $0 == " " || $0 == "\t" }
            while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw TOMLError(line: number, message: "the table header is not closed; write [name]") }
                guard !line.hasPrefix("[[") else { throw TOMLError(line: number, message: "arrays of tables are not supported") }
                path = try keyPath(String(line.dropFirst().dropLast()), number)
                try ensureTable(&root, path, number)
                continue
            }
            guard let equals = indexOfEquals(line) else { throw TOMLError(line: number, message: "expected key = value") }
            let keys = try keyPath(String(line[..<equals]), number)
            var scanner = ValueScanner(text: Array(line[line.index(after: equals)...]), line: number)
            let value = try scanner.value()
            try scanner.expectEnd()
            try insert(&root, path + keys, value, number)
        }
        return root
    }

    private static func stripComment(_ line: String) -> String {
        var inString: Character?
        var previous: Character = " "
        for (offset, c) in line.enumerated() {
            if let quote = inString {
                if c == quote && !(quote == "\"" && previous == "\\") { inString = nil }
            } else if c == "\"" || c == "'" {
                inString = c
            } else if c == "#" {
                return String(line.prefix(offset))
            }
            previous = c
        }
        return line
    }

    private static func indexOfEquals(_ line: Substring) -> Substring.Index? {
        var inString: Character?
        for index in line.indices {
            let c = line[index]
            if let quote = inString { if c == quote { inString = nil } } else if c == "\"" || c == "'" { inString = c } else if c == "=" { return index }
        }
        return nil
    }

    private static func keyPath(_ text: String, _ line: Int) throws(TOMLError) -> [String] {
        var keys: [String] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            var key = String(part).trimmingCharacters(in: " \t")
            if (key.hasPrefix("\"") && key.hasSuffix("\"") || key.hasPrefix("'") && key.hasSuffix("'")) && key.count >= 2 {
                key = String(key.dropFirst().dropLast())
            } else if key.isEmpty || !key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                throw TOMLError(line: line, message: "invalid key '\(text.trimmingCharacters(in: " "))'")
            }
            keys.append(key)
        }
        return keys
    }

    private static func ensureTable(_ table: inout [String: TOMLValue], _ path: [String], _ line: Int) throws(TOMLError) {
        guard let first = path.first else { return }
        var child = table[first]?.table ?? [:]
        if let existing = table[first], existing.table == nil { throw TOMLError(line: line, message: "'\(first)' is already a value") }
        try ensureTable(&child, Array(path.dropFirst()), line)
        table[first] = .table(child)
    }

    private static func insert(_ table: inout [String: TOMLValue], _ path: [String], _ value: TOMLValue, _ line: Int) throws(TOMLError) {
        guard let first = path.first else { return }
        if path.count == 1 {
            if table[first] != nil { throw TOMLError(line: line, message: "'\(first)' is defined twice") }
            table[first] = value
            return
        }
        var child = table[first]?.table ?? [:]
        if let existing = table[first], existing.table == nil { throw TOMLError(line: line, message: "'\(first)' is not a table") }
        try insert(&child, Array(path.dropFirst()), value, line)
        table[first] = .table(child)
    }
}

private struct ValueScanner {
    let text: [Character]
    let line: Int
    var index = 0

    mutating func skipSpaces() { while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 } }

    mutating func expectEnd() throws(TOMLError) {
        skipSpaces()
        if index < text.count { throw TOMLError(line: line, message: "unexpected '\(text[index])' after the value") }
    }

    mutating func value() throws(TOMLError) -> TOMLValue {
        skipSpaces()
        guard index < text.count else { throw TOMLError(line: line, message: "a key needs a value") }
        switch text[index] {
        case "\"": return .string(try basicString())
        case "'":
            index += 1
            var out = ""
            while index < text.count, text[index] != "'" { out.append(text[index]); index += 1 }
            guard index < text.count else { throw TOMLError(line: line, message: "unterminated string") }
            index += 1
            return .string(out)
        case "[":
            index += 1
            var items: [TOMLValue] = []
            while true {
                skipSpaces()
                if index < text.count, text[index] == "]" { index += 1; return .array(items) }
                items.append(try value())
                skipSpaces()
                if index < text.count, text[index] == "," { index += 1; continue }
                guard index < text.count, text[index] == "]" else { throw TOMLError(line: line, message: "expected ',' or ']' in the array") }
            }
        default:
            var word = ""
            while index < text.count, text[index] != ",", text[index] != "]", text[index] != " " { word.append(text[index]); index += 1 }
            if word == "true" { return .bool(true) }
            if word == "false" { return .bool(false) }
            let digits = word.replacingOccurrences(of: "_", with: "")
            if let integer = Int64(digits) { return .integer(integer) }
            if let float = Double(digits) { return .float(float) }
            throw TOMLError(line: line, message: "'\(word)' is not a TOML value (strings need quotes)")
        }
    }

    mutating func basicString() throws(TOMLError) -> String {
        index += 1
        var out = ""
        while index < text.count {
            let c = text[index]
            index += 1
            if c == "\"" { return out }
            if c == "\\" {
                guard index < text.count else { break }
                let e = text[index]
                index += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "u":
                    let hex = String(text[index..<min(index + 4, text.count)])
                    index += 4
                    guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw TOMLError(line: line, message: "invalid \\u escape")
                    }
                    out.unicodeScalars.append(scalar)
                default: throw TOMLError(line: line, message: "invalid escape \\\(e)")
                }
                continue
            }
            out.append(c)
        }
        throw TOMLError(line: line, message: "unterminated string")
    }
}
