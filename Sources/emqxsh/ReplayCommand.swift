import ArgumentParser
import EMQXShell
import EMQXShellCLI
import Foundation

/// `emqxsh replay FILE`: shows a recorded session, or with --check re-runs it and reports what changed.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Show a recorded session, or check it against a deployment.",
        discussion: """
            Without --check, prints the session as it happened (with --pace, at its own speed, typing the inputs).
            With --check, re-runs every input in a fresh session (the embedded sandbox unless -d names a deployment),
            compares each output with the recording after the file's mask rules, prints a diff of what changed,
            and exits 1 when anything did. The format is described in docs/recordings.md.
            """
    )

    @Argument(help: "The recording (written by 'emqxsh --record FILE' or 'record FILE').")
    var file: String

    @Flag(help: "Re-run the inputs and compare the outputs.")
    var check = false

    @OptionGroup var checking: CheckOptions

    @Option(help: "Replay at the recorded pace, at most this many seconds between inputs, typing them out.")
    var pace: Double?

    mutating func run() async throws {
        let transcript = try TranscriptInput.load(file, parse: TranscriptFile.parse).transcript
        if check {
            let differences = try await TranscriptRun.check(transcript, on: checking.target)
            if !TranscriptRun.report(differences, of: transcript, source: file, as: "recorded", to: StandardStreams()) {
                throw ExitCode.failure
            }
            return
        }
        try await TranscriptPlayer(streams: StandardStreams(), pace: pace).show(transcript)
    }
}
