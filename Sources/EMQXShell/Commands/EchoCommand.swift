import EMQXScript

/// `echo`: its words as the shell reads them, flags as written and values as text, joined by spaces.
enum EchoCommand {
    static let all: [any ShellCommand] = [
        Command(
            "echo", "show words as the shell reads them (flags as written, values as text)",
            example: "echo kick $id --limit ${n * 2}",
            signature: CommandSignature(["WORD…"], minimum: 0, passesOnRest: true), resource: .text
        ) { args, _ in
            .string(
                args.rest.map { argument in
                    switch argument {
                    case .flag(let written): written
                    case .value(let value): value.displayText
                    }
                }.joined(separator: " "))
        }
    ]
}
