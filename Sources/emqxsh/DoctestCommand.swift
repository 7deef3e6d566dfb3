import ArgumentParser
import EMQXShell
import EMQXShellCLI
import Foundation

/// `emqxsh doctest FILE.md…`: checks the ```emqx sessions in Markdown files, each file in a fresh sandbox.
struct DoctestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctest",
        abstract: "Check the emqx sessions written in Markdown files.",
        discussion: """
            Each file's ```emqx blocks are one session: every prompt line is run in a fresh sandbox (or the
            deployment -d names) and its output compared with the lines under it, after the file's
            <!-- mask: REGEX => REPLACEMENT --> rules. Exits 1 when any output differs. See docs/recordings.md.
            """
    )

    @Argument(help: "Markdown files.")
    var files: [String]

    @OptionGroup var checking: CheckOptions

    @Flag(
        help:
            "Rewrite the expected output of every input whose output differs from what it prints (review the diff)."
    )
    var update = false

    mutating func run() async throws {
        var failed = 0
        for file in files {
            let (text, transcript) = try TranscriptInput.load(file, parse: MarkdownTranscript.parse)
            guard !transcript.entries.isEmpty else {
                // A check that checks nothing must not pass: a typo in a fence, or prompts lost in an edit.
                StreamWriter.writeError(
                    "\(file): no emqx session to check (an ```emqx block of prompt lines such as 'sandbox v5> nodes')\n"
                )
                failed += 1
                continue
            }
            let differences = try await TranscriptRun.check(transcript, on: checking.target)
            if update, !differences.isEmpty {
                try TranscriptChecker.updated(text, with: differences).write(
                    toFile: file, atomically: true, encoding: .utf8)
                StreamWriter.writeOutput(
                    "\(file): rewrote the output of \(differences.count) of \(transcript.entries.count) inputs\n")
                continue
            }
            if !TranscriptRun.report(differences, of: transcript, source: file, as: "written", to: StandardStreams()) {
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}
