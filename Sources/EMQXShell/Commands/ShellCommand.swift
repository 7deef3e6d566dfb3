import EMQXScript

/// A command of the catalog, such as `clients` or `clients kick`.
public protocol ShellCommand: Sendable {
    /// The full name: one word, or a group and a subcommand (`users add`).
    var name: String { get }
    /// One line for `help`.
    var summary: String { get }
    /// An example of use, shown by `help NAME` and `NAME --help`.
    var example: String { get }
    var signature: CommandSignature { get }
    /// What it lists, for default table columns.
    var resource: Resource? { get }
    func run(_ arguments: CommandArguments, in session: ShellSession) async throws -> Value
}

extension ShellCommand {
    public var resource: Resource? { nil }

    /// The help text: usage, flags and the example.
    public var help: String {
        var lines = [
            "\(name) — \(summary)", "",
            "usage: \(name) \(signature.positionals.joined(separator: " "))"
                + (signature.flags.count > 2 ? " [flags]" : ""),
        ]
        let shown = signature.flags.filter { $0.name != "output" && $0.name != "fields" }
        lines.append("")
        if !shown.isEmpty {
            for flag in shown {
                let names = ([flag.short].compactMap { $0 } + ["--\(flag.name)"]).joined(separator: ", ")
                let value = flag.takesValue ? " VALUE" : ""
                lines.append("  " + (names + value).padding(to: 28) + flag.help)
            }
        }
        lines.append("  " + "-o, --output FORMAT".padding(to: 28) + "table, json, jsonl, csv or yaml")
        lines.append("  " + "--fields A,B".padding(to: 28) + "columns to show")
        lines += ["", "example:", "  " + example]
        return lines.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
