import EMQXScript

/// What a command accepts: its flags and how many positional words.
public struct CommandSignature: Sendable {
    public struct Flag: Sendable {
        public var name: String
        /// A short alias such as `-n`.
        public var short: String?
        public var takesValue: Bool
        public var help: String
        /// May be given more than once (values are collected).
        public var repeatable: Bool

        public init(_ name: String, short: String? = nil, value: Bool = true, repeatable: Bool = false, _ help: String)
        {
            self.name = name
            self.short = short
            self.takesValue = value
            self.repeatable = repeatable
            self.help = help
        }
    }

    public var flags: [Flag]
    /// Names of positional arguments, for help and errors; `…` at the end of one means "any number".
    public var positionals: [String]
    public var minimumPositionals: Int
    /// Everything after the required positionals (at most one) is passed on as words, flags included:
    /// `watch clients --state x`, `echo --state x`.
    public var passesOnRest = false

    public init(_ positionals: [String] = [], minimum: Int? = nil, flags: [Flag] = [], passesOnRest: Bool = false) {
        self.positionals = positionals
        self.passesOnRest = passesOnRest
        self.minimumPositionals = minimum ?? positionals.filter { !$0.hasPrefix("[") }.count
        self.flags =
            flags + [
                Flag("output", short: "-o", "table, json, jsonl, csv or yaml"),
                Flag("fields", "columns to show, comma-separated"),
            ]
    }

    var acceptsMany: Bool {
        guard let last = positionals.last else { return false }
        return last.hasSuffix("…") || last.hasSuffix("...]")
    }
}

/// A command's arguments after checking them against its signature.
public struct CommandArguments: Sendable {
    public var positionals: [Value]
    private var values: [String: [Value]]
    /// For a command that passes on the rest (`watch`): the arguments after its first positional, as evaluated,
    /// flags kept apart from values, so they reach the inner command without being parsed again.
    public var rest: [CommandArgument] = []

    /// Whether a flag was given.
    public func has(_ flag: String) -> Bool { values[flag] != nil }

    /// A flag's last value as a string.
    public func string(_ flag: String) -> String? { values[flag]?.last.map(\.displayText) }

    /// Every value a repeatable flag was given.
    public func strings(_ flag: String) -> [String] { values[flag]?.map(\.displayText) ?? [] }

    /// A flag's raw value, for JSON bodies.
    public func value(_ flag: String) -> Value? { values[flag]?.last }

    /// A flag's value as an integer within `range` (non-negative unless said otherwise); words like `20` are parsed.
    public func int(_ flag: String, command: String, in range: ClosedRange<Int> = 0...Int.max) throws -> Int? {
        guard let value = values[flag]?.last else { return nil }
        let number: Int
        switch value {
        case .int(let i): number = Int(i)
        case .string(let text):
            guard let i = Int(text) else {
                throw ShellError.usage("\(command): --\(flag) takes a whole number, not '\(text)'")
            }
            number = i
        default: throw ShellError.usage("\(command): --\(flag) takes a whole number, not \(value.displayText)")
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == Int.max
                ? "\(range.lowerBound) or more" : "\(range.lowerBound) to \(range.upperBound)"
            throw ShellError.usage("\(command): --\(flag) takes \(bounds), not \(number)")
        }
        return number
    }

    /// A boolean flag: present (or given `true`/`yes`/`1`) is true.
    public func bool(_ flag: String) -> Bool? {
        guard let value = values[flag]?.last else { return nil }
        switch value {
        case .bool(let b): return b
        case .string(let text): return !["false", "no", "0", "off"].contains(text.lowercased())
        default: return value.isTruthy
        }
    }

    /// The positional at `index` as text.
    public func word(_ index: Int) -> String? { index < positionals.count ? positionals[index].displayText : nil }

    /// Checks `arguments` against `signature`; errors name the command, the flag and the closest valid one.
    public static func parse(
        _ arguments: [CommandArgument], signature: CommandSignature, command: String
    ) throws -> CommandArguments {
        var positionals: [Value] = []
        var values: [String: [Value]] = [:]
        var rest: [CommandArgument] = []
        var index = 0
        while index < arguments.count {
            if signature.passesOnRest, positionals.count >= min(1, signature.minimumPositionals) {
                rest = Array(arguments[index...])
                positionals += rest.map { argument in
                    switch argument {
                    case .flag(let written): return .string(written)
                    case .value(let value): return value
                    }
                }
                break
            }
            switch arguments[index] {
            case .value(let value):
                positionals.append(value)
            case .flag(let written):
                let name = written.hasPrefix("--") ? String(written.dropFirst(2)) : written
                guard let flag = signature.flags.first(where: { $0.name == name || $0.short == written }) else {
                    let names = signature.flags.map(\.name)
                    let near = names.min { editDistance($0, name) < editDistance($1, name) }
                    let hint = near.map { editDistance($0, name) <= 3 ? " (did you mean --\($0)?)" : "" } ?? ""
                    throw ShellError.usage("\(command): unknown flag \(written)\(hint); try '\(command) --help'")
                }
                if flag.takesValue {
                    guard index + 1 < arguments.count, case .value(let value) = arguments[index + 1] else {
                        throw ShellError.usage("\(command): --\(flag.name) needs a value")
                    }
                    if !flag.repeatable, values[flag.name] != nil {
                        throw ShellError.usage("\(command): --\(flag.name) is given twice")
                    }
                    values[flag.name, default: []].append(value)
                    index += 1
                } else {
                    values[flag.name, default: []].append(.bool(true))
                }
            }
            index += 1
        }
        if positionals.count < signature.minimumPositionals {
            let missing = signature.positionals[positionals.count].trimmingCharacters(in: "[]…")
            throw ShellError.usage(
                "\(command): missing \(missing); usage: \(command) \(signature.positionals.joined(separator: " "))")
        }
        if !signature.acceptsMany, positionals.count > signature.positionals.count {
            throw ShellError.usage(
                "\(command): unexpected argument '\(positionals[signature.positionals.count].displayText)'")
        }
        var parsed = CommandArguments(positionals: positionals, values: values)
        parsed.rest = rest
        return parsed
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
