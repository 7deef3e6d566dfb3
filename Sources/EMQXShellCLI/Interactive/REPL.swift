import EMQXFiles
import EMQXScript
import EMQXShell
import Foundation
import LineEditor

/// The interactive loop: prompt with context, continuation lines, history, Ctrl-C that cancels the running statement.
public struct REPL {
    let session: ShellSession
    let streams: any OutputSink
    /// Where lines come from: libedit at a terminal (nil: make one, or read plainly when there is none).
    let reader: (any LineReader)?

    public init(session: ShellSession, streams: any OutputSink, reader: (any LineReader)? = nil) {
        self.session = session
        self.streams = streams
        self.reader = reader
    }

    public func run() async -> ExitStatus {
        let editor = reader == nil ? EditLineReader(program: "emqxsh", historyPath: nil) : nil
        editor?.historyProblem = { [streams] problem in streams.writeError("warning: \(problem)\n") }
        editor?.switchHistory(to: HistoryFile.path(for: session.deploymentName, warn: streams))
        let completer = Completer(session: session)
        editor?.completer = { before in completer.completion(before) }
        editor?.quote = ShellWord.quote
        editor?.unquote = ShellWord.unquote
        if let editor { session.historyEntries = { editor.entries } }
        let reader: any LineReader = self.reader ?? editor ?? PlainLineReader()
        streams.writeError("emqxsh — type 'help' for commands, Ctrl-D to leave.\n")
        if let mqtt = session.mqttEndpoint(of: session.deploymentName) {
            streams.writeError("MQTT clients can connect to \(session.deploymentName) at \(mqtt).\n")
        }
        var buffer = ""
        var last = ExitStatus.success
        while true {
            let prompt = buffer.isEmpty ? session.prompt : Prompt.continuation(session.context)
            switch await Self.read(reader, prompt: prompt) {
            case .endOfInput:
                if !buffer.isEmpty { streams.writeError("(discarded an unfinished statement)\n") }
                return last
            case .interrupted:
                buffer = ""
                continue
            case .line(let line):
                buffer = buffer.isEmpty ? line : buffer + "\n" + line
                if buffer.trimmingCharacters(in: .whitespaces).isEmpty {
                    buffer = ""
                    continue
                }
                if session.interpreter.needsMoreInput(buffer) { continue }
                let text = buffer
                buffer = ""
                if HistoryFile.mayKeep(text) { reader.addHistory(text) }
                // `record FILE` and `record stop` are about the recording, not part of it.
                if !text.hasPrefix("record ") { session.recording.input(text, context: session.context) }
                last = await runCancellable(text)
                // Each deployment keeps its own history: `use` switches to the new one's.
                editor?.switchHistory(to: HistoryFile.path(for: session.deploymentName, warn: streams))
            }
        }
    }

    /// Reads a line on a thread of its own: el_gets blocks, and Tab may wait for live names
    /// that the cooperative pool fetches.
    static func read(_ reader: any LineReader, prompt: String) async -> LineResult {
        nonisolated(unsafe) let reader = reader
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: reader.readLine(prompt: prompt)) }.start()
        }
    }

    /// Runs one entry; a Ctrl-C while it runs cancels it and returns to the prompt.
    func runCancellable(_ text: String) async -> ExitStatus {
        do {
            try await Interruptible.run { [session] in try await session.run(text, sourceName: "<prompt>") }
            return .success
        } catch {
            return session.reportAtPrompt(error, interruption: "^C interrupted")
        }
    }
}
