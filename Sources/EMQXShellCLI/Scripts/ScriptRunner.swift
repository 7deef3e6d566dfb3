import EMQXScript
import EMQXShell

/// Runs script text (`-c`, a file, piped input) in a session: whole, stopping at the first error, or statement by
/// statement with `continueOnError`; errors go to the session's error stream, the result is the exit status.
public struct ScriptRunner: Sendable {
    public let session: ShellSession
    /// Report an error and go on with the next statement (and the next `-c`) instead of stopping.
    public var continueOnError: Bool

    public init(session: ShellSession, continueOnError: Bool = false) {
        self.session = session
        self.continueOnError = continueOnError
    }

    /// Runs each text in turn (named as errors should name it); stops at the first failure unless continuing.
    public func runEach(_ texts: [(name: String, text: String)]) async -> ExitStatus {
        var worst = ExitStatus.success
        for (name, text) in texts {
            let status = await runScript(text, name: name)
            if status != .success {
                worst = status
                if !continueOnError || status == .interrupted { break }
            }
        }
        return worst
    }

    /// Runs a whole script; Ctrl-C stops it cleanly with status 130.
    public func runScript(_ text: String, name: String) async -> ExitStatus {
        session.recording.input(text, context: session.context)
        do {
            return try await Interruptible.run { [self] in
                if continueOnError { return await runStatementByStatement(text, name: name) }
                try await session.run(text, sourceName: name)
                return .success
            }
        } catch {
            report(error)
            return ExitStatus.for(error)
        }
    }

    /// Parses the whole text first (a syntax error stops it), then runs each top-level statement.
    func runStatementByStatement(_ text: String, name: String) async -> ExitStatus {
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

    /// Writes an error as the user reads it; `exit` is not an error.
    public func report(_ error: any Error) {
        if error is ScriptExit { return }
        session.sink.writeError(ShellSession.describe(error) + "\n")
    }
}
