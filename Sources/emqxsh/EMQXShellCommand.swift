import ArgumentParser
import EMQXKit
import EMQXSandbox
import EMQXScript
import EMQXShell
import Foundation
import LineEditor

/// The entry point: `emqxsh sandbox|replay|doctest …` are tools of their own; anything else is the shell.
///
/// Chosen by hand because the shell's own first positional (a script file) would take the word.
@main
enum Entry {
    static func main() async {
        raiseOpenFileLimit()
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "sandbox": await run(SandboxCommand.self, Array(arguments.dropFirst()))
        case "replay": await run(ReplayCommand.self, Array(arguments.dropFirst()))
        case "doctest": await run(DoctestCommand.self, Array(arguments.dropFirst()))
        default:
            if let options = ShellOptions.parseCommonForms(arguments) {
                let status = await Runner(options: options).run()
                exit(status.code)
            }
            await run(EMQXShellCommand.self, arguments)
        }
    }

    /// Lets the process open as many descriptors as the system allows it (the soft limit up to the hard one), as
    /// servers and load tools do: `bench conn` and the sandbox each hold one per MQTT connection, and 1,024 is the
    /// usual soft limit.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        setrlimit(resource, &limit)
    }

    /// Parses and runs a command; a usage error on the command line exits 2, as docs/exit-codes.md says
    /// (ArgumentParser's own choice would be 64), while --help and --version still exit 0.
    static func run<Command: AsyncParsableCommand>(_ type: Command.Type, _ arguments: [String]) async {
        do {
            var command = try Command.parse(arguments)
            try await command.run()
        } catch let status as ExitCode {
            exit(status.rawValue)  // a script's own `exit N`, 64 included
        } catch {
            guard Command.exitCode(for: error) == .validationFailure else { Command.exit(withError: error) }
            StreamWriter.writeError(Command.fullMessage(for: error) + "\n")
            exit(ExitStatus.usage.code)
        }
    }
}

/// `emqxsh`: a scriptable shell for EMQX deployments.
struct EMQXShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emqxsh",
        abstract: "A scriptable shell for EMQX deployments (management API v4 and v5).",
        usage: """
            emqxsh [<options>] [<file> [<argument> ...]]
            emqxsh sandbox|replay|doctest [<options>]
            """,
        discussion: """
            With no FILE and no -c, reads statements from standard input when it is piped,
            and otherwise opens the interactive shell. Exit statuses are listed in docs/exit-codes.md.
            `emqxsh sandbox --help` runs the local sandbox deployment on its own.
            """,
        version: "0.3.0",
        // Entry dispatches these by hand; declared here so help, completions and the man page show them.
        subcommands: [SandboxCommand.self, ReplayCommand.self, DoctestCommand.self]
    )

    @Argument(help: "A .emqx script to run; the words after it reach the script as $args.")
    var file: String?

    @Argument(parsing: .captureForPassthrough, help: .hidden)
    var scriptArguments: [String] = []

    @Option(name: .customShort("c"), help: "Run these statements and exit (repeatable).")
    var commands: [String] = []

    @Option(
        name: [.customShort("d"), .customLong("deployment")], help: "The deployment to use, by its name in config.toml."
    )
    var deployment: String?

    @Option(help: "The API generation: v4, v5 or auto.")
    var api: String?

    @Option(help: "table, json, jsonl, csv or yaml (default: table at a terminal, json otherwise).")
    var output: String?

    @Flag(help: "Start the embedded sandbox deployment and connect to it.")
    var sandbox = false

    @Flag(help: "Do not run rc.emqx.")
    var norc = false

    @Flag(help: "In a script, report errors and go on instead of stopping at the first.")
    var continueOnError = false

    @Option(help: "Record the session (inputs, outputs, timing; secrets masked) to this file; see docs/recordings.md.")
    var record: String?

    /// The options as `Runner` reads them.
    var shellOptions: ShellOptions {
        ShellOptions(
            file: file, scriptArguments: scriptArguments, commands: commands, deployment: deployment, api: api,
            output: output, sandbox: sandbox, norc: norc, continueOnError: continueOnError, record: record)
    }

    mutating func run() async throws {
        let status = await Runner(options: shellOptions).run()
        if status != .success { throw ExitCode(status.code) }
    }
}
