import EMQXKit
import EMQXSandbox
import EMQXScript
import EMQXShell
import Foundation
import LineEditor

/// Sets the session up from the options, runs the chosen mode and returns the exit status.
struct Runner {
    let options: EMQXShellCommand
    let streams = StandardStreams()

    func run() async -> ExitStatus {
        let interactiveOutput = isatty(STDOUT_FILENO) != 0
        var format: OutputFormat = interactiveOutput ? .table : .json
        if let name = options.output {
            guard let chosen = OutputFormat(name: name) else {
                streams.writeError("emqxsh: --output takes table, json, jsonl, csv or yaml, not '\(name)'\n")
                return .usage
            }
            format = chosen
        }
        let useColor = interactiveOutput && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let session = ShellSession(
            sink: streams, settings: OutputSettings(format: format, useColor: useColor, width: Terminal.width()),
            isTerminal: interactiveOutput,
            recording: streams.recording)
        session.readSecret = { prompt in Terminal.readSecret(prompt: prompt) }
        let sandbox: Sandbox?
        do {
            sandbox = try await SessionSetup.connect(
                session, sandbox: options.sandbox, deployment: options.deployment, api: options.api)
            if let path = options.record {
                let inputName =
                    !options.commands.isEmpty
                    ? "-c" : options.file ?? (isatty(STDIN_FILENO) == 0 ? "<stdin>" : "<prompt>")
                try session.recording.start(
                    TranscriptRecorder(
                        path: path, width: session.settings.width, format: session.settings.format,
                        inputName: inputName,
                        secrets: session.knownSecrets))
            }
        } catch {
            report(error)
            return ExitStatus.for(error)
        }
        session.interpreter.setGlobal("args", .list(options.scriptArguments.map { .string($0) }))
        if !options.norc {
            let rc = ShellConfiguration.defaultDirectory() + "/rc.emqx"
            if let data = FileManager.default.contents(atPath: rc) {
                do { try await session.run(String(decoding: data, as: UTF8.self), sourceName: rc) } catch {
                    report(error)
                }
            }
        }
        let status: ExitStatus
        if !options.commands.isEmpty {
            status = await runEach(options.commands.enumerated().map { ("-c", $0.element) }, session)
        } else if let file = options.file {
            guard let data = FileManager.default.contents(atPath: file) else {
                streams.writeError("emqxsh: cannot read \(file)\n")
                await session.close()
                await sandbox?.stop()
                return .usage
            }
            status = await runScript(String(decoding: data, as: UTF8.self), name: file, session)
        } else if isatty(STDIN_FILENO) == 0 {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            status = await runScript(text, name: "<stdin>", session)
        } else {
            status = await REPL(session: session, streams: streams).run()
        }
        session.recording.stop()
        await session.close()
        await sandbox?.stop()
        return status
    }

    /// Runs each `-c` text in turn; stops at the first failure unless --continue-on-error.
    func runEach(_ texts: [(String, String)], _ session: ShellSession) async -> ExitStatus {
        var worst = ExitStatus.success
        for (name, text) in texts {
            let status = await runScript(text, name: name, session)
            if status != .success {
                worst = status
                if !options.continueOnError { break }
            }
        }
        return worst
    }

    /// Runs a whole script; with --continue-on-error, statement by statement.
    func runScript(_ text: String, name: String, _ session: ShellSession) async -> ExitStatus {
        session.recording.input(text, context: session.context)
        if options.continueOnError {
            return await runStatementByStatement(text, name: name, session)
        }
        do {
            // Ctrl-C stops the script cleanly (the sandbox and connections are closed) with status 130.
            Terminal.catchInterrupts()
            try await Interruptible.run { try await session.run(text, sourceName: name) }
            return .success
        } catch {
            report(error)
            return ExitStatus.for(error)
        }
    }

    /// Parses the whole text first (a syntax error stops it), then runs each top-level statement.
    func runStatementByStatement(_ text: String, name: String, _ session: ShellSession) async -> ExitStatus {
        let program: Program
        do { program = try session.interpreter.parse(text, sourceName: name) } catch {
            report(error)
            return .script
        }
        var worst = ExitStatus.success
        for statement in program.statementPrograms {
            do {
                try await session.interpreter.execute(statement)
            } catch let exit as ScriptExit {
                return ExitStatus.for(exit)
            } catch {
                report(error)
                worst = ExitStatus.for(error)
                if worst == .interrupted { return worst }
            }
        }
        return worst
    }

    func report(_ error: any Error) {
        if error is ScriptExit { return }
        streams.writeError("\(describe(error))\n")
    }
}

/// An error as the user reads it.
func describe(_ error: any Error) -> String { ShellSession.describe(error) }
