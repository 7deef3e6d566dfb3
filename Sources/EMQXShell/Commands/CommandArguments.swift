import EMQXScript

/// Anything that declares a flag: a typed `CommandFlag`, or a bare declaration.
public protocol FlagDeclaring: Sendable {
    var declaration: CommandSignature.Flag { get }
}

/// What a command accepts: its flags and how many positional words.
public struct CommandSignature: Sendable {
    /// A flag's declaration: its names, whether it takes a value, its help, and whether that value is a secret.
    public struct Flag: FlagDeclaring {
        public var name: String
        /// A short alias such as `-n`.
        public var short: String?
        public var takesValue: Bool
        public var help: String
        /// May be given more than once (values are collected).
        public var repeatable: Bool
        /// The value is a secret: lines that give it are kept out of history, and masked in recordings and errors.
        public var isSecret: Bool

        public init(
            _ name: String, short: String? = nil, value: Bool = true, repeatable: Bool = false, secret: Bool = false,
            _ help: String
        ) {
            self.name = name
            self.short = short
            self.takesValue = value
            self.repeatable = repeatable
            self.isSecret = secret
            self.help = help
        }

        public var declaration: Flag { self }
    }

    public var flags: [Flag]
    /// Names of positional arguments, for help and errors; `…` at the end of one means "any number".
    public var positionals: [String]
    public var minimumPositionals: Int
    /// Everything after the required positionals (at most one) is passed on as words, flags included:
    /// `watch clients --state x`, `echo --state x`.
    public var passesOnRest = false

    public init(
        _ positionals: [String] = [], minimum: Int? = nil, flags: [any FlagDeclaring] = [], passesOnRest: Bool = false
    ) {
        self.positionals = positionals
        self.passesOnRest = passesOnRest
        self.minimumPositionals = minimum ?? positionals.filter { !$0.hasPrefix("[") }.count
        self.flags = flags.map(\.declaration) + [Self.output.declaration, Self.fields.declaration]
    }

    /// Every command's output format.
    static let output = CommandFlag<String>.text("output", short: "-o", "table, json, jsonl, csv or yaml")
    /// Every command's columns.
    static let fields = CommandFlag<String>.text("fields", "columns to show, comma-separated")

    var acceptsMany: Bool {
        guard let last = positionals.last else { return false }
        return last.hasSuffix("…") || last.hasSuffix("…]") || last.hasSuffix("...]")
    }
}

/// A command's arguments after checking them against its signature.
public struct CommandArguments: Sendable {
    public var positionals: [Value]
    private var values: [String: [Value]]
    /// For a command that passes on the rest (`watch`): the arguments after its first positional, as evaluated,
    /// flags kept apart from values, so they reach the inner command without being parsed again.
    public var rest: [CommandArgument] = []

    /// The command these arguments are for, as errors name it.
    public let command: String

    /// The values a flag was given, by its declared name; nil when it was not given.
    func given(_ name: String) -> [Value]? { values[name] }

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
        var parsed = CommandArguments(positionals: positionals, values: values, command: command)
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
