import EMQXShellCLI
import Testing

@testable import EMQXShell

/// `emqxsh replay FILE` shows a session as it was seen: prompts, continuation lines, output and errors.
@Suite struct TranscriptPlayerTests {
    @Test func showsPromptsInputsAndBothStreams() async throws {
        let transcript = Transcript(
            source: "t.emqxrec",
            entries: [
                .init(
                    context: "sandbox v5", input: "for i in 1..2 {\n  print $i\n}", output: [.init("1"), .init("2")]),
                .init(context: "sandbox v5", input: "kick", output: [.init("error: missing CLIENT_ID", isError: true)]),
            ])
        let sink = CapturingSink()
        try await TranscriptPlayer(streams: sink).show(transcript)
        #expect(
            sink.output
                == "sandbox v5> for i in 1..2 {\n        ...   print $i\n        ... }\n1\n2\nsandbox v5> kick\n")
        #expect(sink.errors == "error: missing CLIENT_ID\n")
    }
}
