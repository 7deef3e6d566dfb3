import EMQXScript

/// A flag declared once, with how its value reads: a command lists it in its signature and reads it back through
/// the same declaration (`try args[Self.limit]`), so the name, the help and the type never drift apart.
public struct CommandFlag<Parsed: Sendable>: Sendable {
    /// What help, completion, parsing and secret masking see.
    public let declaration: CommandSignature.Flag
    let read: @Sendable (_ given: [Value], _ command: String) throws -> Parsed

    init(
        _ declaration: CommandSignature.Flag,
        read: @escaping @Sendable (_ given: [Value], _ command: String) throws -> Parsed
    ) {
        self.declaration = declaration
        self.read = read
    }

    var name: String { declaration.name }
}

extension CommandFlag where Parsed == String {
    /// A flag that takes a word; `secret` keeps its value out of history, recordings and error messages.
    static func text(_ name: String, short: String? = nil, secret: Bool = false, _ help: String) -> Self {
        Self(.init(name, short: short, secret: secret, help)) { given, _ in given.last?.displayText ?? "" }
    }
}

extension CommandFlag where Parsed == [String] {
    /// A flag that may be given more than once; its words in order.
    static func texts(_ name: String, short: String? = nil, _ help: String) -> Self {
        Self(.init(name, short: short, repeatable: true, help)) { given, _ in given.map(\.displayText) }
    }
}

extension CommandFlag where Parsed == Value {
    /// A flag whose value is taken as it is (a map for a JSON body, say).
    static func value(_ name: String, _ help: String) -> Self {
        Self(.init(name, help)) { given, _ in given.last ?? .null }
    }
}

extension CommandFlag where Parsed == Bool {
    /// A flag with no value: present is true.
    static func presence(_ name: String, _ help: String) -> Self {
        Self(.init(name, value: false, help)) { _, _ in true }
    }

    /// A flag that takes true or false (`yes`/`no`, `1`/`0`, `on`/`off` too).
    static func boolean(_ name: String, _ help: String) -> Self {
        Self(.init(name, help)) { given, command in
            switch given.last {
            case .bool(let flag)?: return flag
            case let value?:
                switch value.displayText.lowercased() {
                case "true", "yes", "1", "on": return true
                case "false", "no", "0", "off": return false
                default: throw ShellError.usage("\(command): --\(name) takes true or false, not '\(value.displayText)'")
                }
            case nil: return true
            }
        }
    }
}

extension CommandFlag where Parsed == Int {
    /// A whole number within `range` (non-negative unless said otherwise); words like `20` are read as numbers.
    static func integer(
        _ name: String, short: String? = nil, in range: ClosedRange<Int> = 0...Int.max, _ help: String
    ) -> Self {
        Self(.init(name, short: short, help)) { given, command in
            let value = given.last ?? .null
            let number: Int
            switch value {
            case .int(let integer): number = Int(integer)
            case .string(let text):
                guard let integer = Int(text) else {
                    throw ShellError.usage("\(command): --\(name) takes a whole number, not '\(text)'")
                }
                number = integer
            default: throw ShellError.usage("\(command): --\(name) takes a whole number, not \(value.displayText)")
            }
            guard range.contains(number) else {
                let bounds =
                    range.upperBound == Int.max
                    ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
                throw ShellError.usage("\(command): --\(name) takes \(bounds), not \(number)")
            }
            return number
        }
    }
}

extension CommandFlag: FlagDeclaring {}

/// Flags many commands share, declared once.
enum CommonFlags {
    static let limit = CommandFlag<Int>.integer("limit", short: "-n", "stop after this many")
}

extension CommandFlag {
    /// One of a fixed set of words, read as the type that names them (`--state connected`).
    static func choice(_ name: String, _ help: String) -> Self
    where Parsed: RawRepresentable & CaseIterable, Parsed.RawValue == String {
        Self(.init(name, help)) { given, command in
            let text = given.last?.displayText ?? ""
            guard let chosen = Parsed(rawValue: text) else {
                let words = Parsed.allCases.map(\.rawValue)
                let list = words.dropLast().joined(separator: ", ") + (words.count > 1 ? " or " : "") + words.last!
                throw ShellError.usage("\(command): --\(name) takes \(list), not '\(text)'")
            }
            return chosen
        }
    }
}

extension CommandArguments {
    /// The flag's value as its declaration reads it; nil when it was not given.
    public subscript<Parsed>(flag: CommandFlag<Parsed>) -> Parsed? {
        get throws {
            guard let given = given(flag.name) else { return nil }
            return try flag.read(given, command)
        }
    }

    /// A repeatable flag's values; empty when it was not given.
    public subscript(flag: CommandFlag<[String]>) -> [String] {
        (try? flag.read(given(flag.name) ?? [], command)) ?? []
    }
}
