import EMQXScript
import Foundation

/// `history`, `watch` and `record`: commands about the session's own use.
enum SessionCommands {
    static let last = CommandFlag<Int>.integer("last", short: "-n", "only the last N")
    static let every = CommandFlag<String>.text("every", "the interval: 2s, 500ms, 1m (default 2s)")
    static let count = CommandFlag<Int>.integer("count", in: 1...Int.max, "stop after this many runs")

    /// `2s`, `500ms`, `1m` or a plain number of seconds.
    /// From 10 ms to a day; `inf`, `nan` and the like are refused, not converted.
    static func duration(_ text: String, of flag: String = "watch: --every") throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)) else { continue }
            let seconds = number * scale
            guard seconds.isFinite, seconds >= 0.01, seconds <= 86_400 else {
                throw ShellError.usage("\(flag) takes 10ms to 1 day, not '\(text)'")
            }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        throw ShellError.usage("\(flag) takes a duration like 2s, 500ms or 1m, not '\(text)'")
    }

    static let all: [any ShellCommand] = [
        Command(
            "record", "record this session to a file (replay it with 'emqxsh replay FILE'); 'record stop' ends it",
            example: "record tour.emqxrec", signature: CommandSignature(["FILE|stop"])
        ) { args, session in
            guard let target = args.word(0) else {
                return .string(session.recording.path.map { "recording to \($0)" } ?? "not recording")
            }
            if target == "stop" {
                guard let path = session.recording.stop() else { throw ShellError.usage("record stop: not recording") }
                session.sink.writeError("(recorded to \(path))\n")
                return .null
            }
            let recorder = try TranscriptRecorder(
                path: target, width: session.settings.width, format: session.settings.format,
                secrets: session.knownSecrets)
            session.sink.writeError("(recording to \(target); 'record stop' ends it)\n")
            try session.recording.start(recorder)
            return .null
        },
        Command(
            "history", "the lines entered at the prompt, numbered", example: "history --last 20",
            signature: CommandSignature(flags: [last])
        ) { args, session in
            let all = session.historyEntries?() ?? []
            let shown = try args[last].map { all.suffix($0) } ?? all[...]
            return .list(zip(shown.indices, shown).map { .object(["n": .int(Int64($0 + 1)), "line": .string($1)]) })
        },
        Command(
            "watch", "run a command again and again, redrawing its output",
            example: "watch --every 2s --count 10 stats",
            signature: CommandSignature(
                ["COMMAND…"], minimum: 1,
                flags: [every, count], passesOnRest: true)
        ) { args, session in
            let every = try args[every] ?? "2s"
            let interval = try duration(every)
            let count = try args[count]
            // The command runs with its arguments as evaluated once, never as text parsed again: a client id
            // such as `x; users delete admin` stays one argument.
            let name = args.word(0) ?? ""
            let shown =
                ([name]
                + args.rest.map { argument -> String in
                    switch argument {
                    case .flag(let written): return written
                    case .value(let value): return ShellWord.quote(value.displayText)
                    }
                }).joined(separator: " ")
            var runs = 0
            while count.map({ runs < $0 }) ?? true {
                try Task.checkCancellation()
                if session.isTerminal {
                    session.sink.write("\u{1B}[H\u{1B}[2J")
                    session.sink.write(
                        "every \(every): \(VisibleText.escape(shown))    \(Date())\n\n")
                }
                let value = try await session.runCommand(
                    name, arguments: args.rest, at: SourceLocation(source: "watch", line: 1, column: 1))
                if value != .null { try await session.show(value) }
                runs += 1
                if count.map({ runs < $0 }) ?? true { try await Task.sleep(for: interval) }
            }
            return .null
        },
    ]
}
