import EMQXScript
import EMQXShellCLI
import LineEditor
import Synchronization
import Testing

@testable import EMQXShell

/// A reader that answers with scripted lines and remembers the prompts it showed and the history it was given.
final class ScriptedReader: LineReader, @unchecked Sendable {
    private let state: Mutex<(lines: [LineResult], prompts: [String], history: [String])>

    init(_ lines: [LineResult]) { state = Mutex((lines, [], [])) }

    var prompts: [String] { state.withLock { $0.prompts } }
    var history: [String] { state.withLock { $0.history } }

    func readLine(prompt: String) -> LineResult {
        state.withLock { state in
            state.prompts.append(prompt)
            return state.lines.isEmpty ? .endOfInput : state.lines.removeFirst()
        }
    }

    func addHistory(_ line: String) { state.withLock { $0.history.append(line) } }
}

/// The interactive loop, in-process: what the user sees at each prompt and what history keeps.
@Suite struct REPLTests {
    func session() -> (ShellSession, CapturingSink) {
        let sink = CapturingSink()
        return (ShellSession(sink: sink, settings: OutputSettings(format: .table), isTerminal: false), sink)
    }

    @Test func continuationLinesJoinAStatementUnderAnAlignedPrompt() async {
        let (session, sink) = session()
        let reader = ScriptedReader([.line("let x = ["), .line("  1, 2]"), .line("print len($x)")])
        let status = await REPL(session: session, streams: sink, reader: reader).run()
        #expect(status == .success)
        #expect(sink.output == "2\n")
        #expect(reader.prompts == ["none> ", "  ... ", "none> ", "none> "])
        #expect(reader.history == ["let x = [\n  1, 2]", "print len($x)"])
    }

    @Test func anErrorIsReportedAndTheLoopGoesOnWithItsStatus() async {
        let (session, sink) = session()
        let reader = ScriptedReader([.line("print $missing"), .line("exit 3"), .line("print 1")])
        let status = await REPL(session: session, streams: sink, reader: reader).run()
        #expect(sink.errors.contains("undefined variable 'missing'"))
        #expect(sink.errors.contains("(exit 3 ignored at the prompt; Ctrl-D leaves)"))
        #expect(sink.output == "1\n")
        #expect(status == .success)
    }

    @Test func linesGivingSecretsNeverReachHistory() async {
        let (session, sink) = session()
        let reader = ScriptedReader([
            .line("users add a --password s3cret"), .line("users add b --pasword typo"),
            .line(#"post /x {password: "p"}"#), .line("print 1"),
        ])
        _ = await REPL(session: session, streams: sink, reader: reader).run()
        #expect(reader.history == ["print 1"])
    }

    @Test func ctrlCDiscardsTheLineAndCtrlDAnUnfinishedStatement() async {
        let (session, sink) = session()
        let reader = ScriptedReader([.line("let y = 1 +"), .interrupted, .line("for i in [1] {")])
        let status = await REPL(session: session, streams: sink, reader: reader).run()
        #expect(status == .success)
        #expect(sink.output.isEmpty)
        #expect(reader.prompts == ["none> ", "  ... ", "none> ", "  ... "])
        #expect(sink.errors.hasSuffix("(discarded an unfinished statement)\n"))
    }
}
