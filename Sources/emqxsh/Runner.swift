import EMQXKit
import EMQXSandbox
import EMQXScript
import EMQXShell
import EMQXShellCLI
import Foundation
import LineEditor

/// Wiring: sets the session up from the options, runs the chosen mode (EMQXShellCLI) and returns the exit status.
struct Runner {
    let options: ShellOptions
    let streams = StandardStreams(buffered: true)

    func run() async -> ExitStatus {
        defer { streams.flush() }
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
        // A table cut to a terminal's width loses what a file or a pipe would keep: it is cut only for a terminal,
        // or to $COLUMNS when that is set (as `ls` and `ps` do).
        let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let width = interactiveOutput ? Terminal.width() : columns ?? .max
        let session = ShellSession(
            sink: streams, settings: OutputSettings(format: format, useColor: useColor, width: width),
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
        let scripts = ScriptRunner(session: session, continueOnError: options.continueOnError)
        let status: ExitStatus
        if !options.commands.isEmpty {
            Terminal.catchInterrupts()
            status = await scripts.runEach(options.commands.map { (name: "-c", text: $0) })
        } else if let file = options.file {
            guard let data = FileManager.default.contents(atPath: file) else {
                streams.writeError("emqxsh: cannot read \(file)\n")
                await session.close()
                await sandbox?.stop()
                return .usage
            }
            Terminal.catchInterrupts()
            status = await scripts.runScript(String(decoding: data, as: UTF8.self), name: file)
        } else if isatty(STDIN_FILENO) == 0 {
            var text = ""
            while let line = readLine(strippingNewline: false) { text += line }
            Terminal.catchInterrupts()
            status = await scripts.runScript(text, name: "<stdin>")
        } else {
            status = await REPL(session: session, streams: streams).run()
        }
        session.recording.stop()
        await session.close()
        await sandbox?.stop()
        return status
    }

    func report(_ error: any Error) {
        if error is ScriptExit { return }
        streams.writeError(ShellSession.describe(error) + "\n")
    }
}
