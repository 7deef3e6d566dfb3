import EMQXScript
import EMQXShellCLI
import Testing

@testable import EMQXShell

/// Scripts run whole or, with --continue-on-error, statement by statement; the exit status is the worst one.
@Suite struct ScriptRunnerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let script: String
        let continueOnError: Bool
        let output: String
        let status: EMQXShell.ExitStatus
        let errors: Int
        var testDescription: String { "\(continueOnError ? "continue" : "stop"): \(script.prefix(30))" }
    }

    static let cases: [Case] = [
        Case(script: "print 1\nprint $x\nprint 2", continueOnError: false, output: "1\n", status: .script, errors: 1),
        Case(script: "print 1\nprint $x\nprint 2", continueOnError: true, output: "1\n2\n", status: .script, errors: 1),
        Case(
            script: "print 1\nkick a\nprint $y\nprint 3", continueOnError: true, output: "1\n3\n", status: .script,
            errors: 2),
        Case(
            script: "print 1\nexit 7\nprint 2", continueOnError: true, output: "1\n",
            status: EMQXShell.ExitStatus.for(ScriptExit(status: 7)), errors: 0),
        // A syntax error anywhere stops the script before its first statement runs, continuing or not.
        Case(script: "print 1\nprint (", continueOnError: true, output: "", status: .script, errors: 1),
    ]

    @Test(arguments: cases)
    func statusOutputAndErrors(_ example: Case) async {
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        let runner = ScriptRunner(session: session, continueOnError: example.continueOnError)
        let status = await runner.runScript(example.script, name: "job.emqx")
        #expect(status.code == example.status.code)
        #expect(sink.output == example.output)
        #expect(sink.errors.components(separatedBy: "error:").count - 1 == example.errors, "\(sink.errors)")
        if example.errors > 0 { #expect(sink.errors.contains("job.emqx:")) }
    }

    @Test func eachCommandTextRunsUntilOneFails() async {
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        let stopping = ScriptRunner(session: session)
        #expect(await stopping.runEach([("-c", "print 1"), ("-c", "print $no"), ("-c", "print 3")]) == .script)
        #expect(sink.output == "1\n")
        sink.clear()
        let going = ScriptRunner(session: session, continueOnError: true)
        #expect(await going.runEach([("-c", "print 1"), ("-c", "print $no"), ("-c", "print 3")]) == .script)
        #expect(sink.output == "1\n3\n")
    }
}
