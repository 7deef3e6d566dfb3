import ArgumentParser
import EMQXShell
import EMQXShellCLI
import Foundation

/// Where and how a check runs: the options `replay --check` and `doctest` share.
struct CheckOptions: ParsableArguments {
    @Option(
        name: [.customShort("d"), .customLong("deployment")],
        help: "Check against this deployment from config.toml instead of the sandbox.")
    var deployment: String?

    @Option(help: "The API generation to check on: v4, v5 or auto (a session written on v5 can be checked on v4).")
    var api: String?

    @Option(help: "Stop an input still running after this many seconds (it then differs).")
    var timeout: Double = 30

    var target: TranscriptRun.Target {
        .init(
            sandbox: deployment == nil, deployment: deployment, api: api, timeout: .milliseconds(Int64(timeout * 1000)))
    }
}

/// Transcript files as the command line reads them.
enum TranscriptInput {
    /// Reads and parses a transcript file; a file that does not parse is a usage error, named by file and line.
    static func load(
        _ file: String, parse: (String, String) throws(ShellError) -> Transcript
    ) throws -> (text: String, transcript: Transcript) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let text = String(decoding: data, as: UTF8.self)
        do {
            return (text, try parse(text, file))
        } catch {
            StreamWriter.writeError("emqxsh: \(error.message)\n")
            throw ExitCode(ExitStatus.usage.code)
        }
    }
}
