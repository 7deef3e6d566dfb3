/// Typed reads of one configuration table: a known key with the wrong type is an error with its line, never ignored.
struct ConfigKeys {
    let table: [String: TOMLValue]
    /// The file, as messages name it.
    let prefix: String
    /// The table's key path (`["deployments", "prod"]`).
    let path: [String]
    let document: TOMLDocument

    /// `config.toml:7:` for a key of this table (the file alone when its line is unknown).
    func place(_ key: String) -> String {
        "\(prefix):" + (document.line(path + [key]).map { "\($0):" } ?? "")
    }

    /// `deployments.prod.request_timeout`.
    private func name(_ key: String) -> String { (path + [key]).joined(separator: ".") }

    func string(_ key: String) throws(ShellError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, value, expected: "a string") }
        return text
    }

    func bool(_ key: String) throws(ShellError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, value, expected: "true or false") }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int64>) throws(ShellError) -> Int64? {
        guard let value = table[key] else { return nil }
        guard let number = value.integer else { throw wrongType(key, value, expected: "a whole number") }
        guard range.contains(number) else {
            throw ShellError.usage(
                "\(place(key)) \(name(key)) is \(number); it must be from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A time limit in whole seconds (1 s to a day); a float such as 2.5 is taken too.
    func seconds(_ key: String, default fallback: Int64) throws(ShellError) -> Duration {
        guard let value = table[key] else { return .seconds(fallback) }
        let seconds: Double
        switch value {
        case .integer(let number): seconds = Double(number)
        case .float(let number): seconds = number
        default: throw wrongType(key, value, expected: "a number of seconds")
        }
        guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
            throw ShellError.usage("\(place(key)) \(name(key)) must be more than 0 and at most 86400 seconds")
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    private func wrongType(_ key: String, _ value: TOMLValue, expected: String) -> ShellError {
        ShellError.usage("\(place(key)) \(name(key)) must be \(expected), not \(value.kindName)")
    }
}

extension TOMLValue {
    /// "a string", "an integer", …: what a value is, for messages.
    var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .bool: return "a boolean"
        case .dateTime: return "a date"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}
