import EMQXFiles
import EMQXScript
import EMQXShell
import Foundation
import LineEditor

/// The interactive loop: prompt with context, continuation lines, history, Ctrl-C that cancels the running statement.
struct REPL {
    let session: ShellSession
    let streams: StandardStreams

    func run() async -> ExitStatus {
        let editor = EditLineReader(program: "emqxsh", historyPath: nil)
        editor?.historyProblem = { [streams] problem in streams.writeError("warning: \(problem)\n") }
        editor?.switchHistory(to: HistoryFile.path(for: session.deploymentName, warn: streams))
        let completer = Completer(session: session)
        editor?.completer = { before in completer.completion(before) }
        editor?.quote = ShellWord.quote
        editor?.unquote = ShellWord.unquote
        if let editor { session.historyEntries = { editor.entries } }
        let reader: any LineReader = editor ?? PlainLineReader()
        streams.writeError("emqxsh — type 'help' for commands, Ctrl-D to leave.\n")
        if let mqtt = session.mqttAddresses[session.deploymentName] {
            streams.writeError("MQTT clients can connect to \(session.deploymentName) at \(mqtt).\n")
        }
        var buffer = ""
        var last = ExitStatus.success
        while true {
            let prompt =
                buffer.isEmpty
                ? session.prompt : String(repeating: " ", count: max(0, session.prompt.count - 4)) + "... "
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
            try await Interruptible.run { try await session.run(text, sourceName: "<prompt>") }
            return .success
        } catch let exit as ScriptExit {
            streams.writeError("(exit \(exit.status) ignored at the prompt; Ctrl-D leaves)\n")
            return .success
        } catch {
            if ExitStatus.for(error) == .interrupted {
                streams.writeError("^C interrupted\n")
                return .interrupted
            }
            streams.writeError("\(describe(error))\n")
            return ExitStatus.for(error)
        }
    }
}

/// Runs work that a Ctrl-C cancels: the SIGINT handler sets a flag, a watcher cancels the task.
enum Interruptible {
    static func run(_ work: @escaping @Sendable () async throws -> Void) async throws {
        _ = Terminal.takeInterrupt()
        let task = Task { try await work() }
        let watcher = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(40))
                if Terminal.takeInterrupt() { task.cancel() }
            }
        }
        defer { watcher.cancel() }
        try await task.value
    }
}

/// Where history lives and which lines may go there.
enum HistoryFile {
    /// `$XDG_DATA_HOME/emqxsh/history-NAME` (default `~/.local/share/…`), created 0700/0600.
    static func path(for deployment: String, warn: StandardStreams) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"] ?? environment["HOME"].map { $0 + "/.local/share" }
        guard let base else { return nil }
        let directory = base + "/emqxsh"
        do { try PrivateFile.makeDirectory(directory) } catch {
            warn.writeError("warning: history is not kept: \(error)\n")
            return nil
        }
        let safe = String(deployment.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return directory + "/history-" + safe
    }

    /// Lines that carry a secret (a secret flag or key with a value, even misspelled) are never written to history.
    static func mayKeep(_ line: String) -> Bool { !SecretText.mentionsSecret(line) }
}
