import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines at a terminal through libedit: emacs keys, UTF-8, history, Ctrl-R.
public final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer?
    private let historyPath: String?

    /// Sets up libedit on the terminal; nil when stdin is not a terminal or libedit cannot start.
    public init?(program: String, historyPath: String?) {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        Self.ensureUTF8Locale()
        guard let editor = cel_init(program) else { return nil }
        self.editor = editor
        self.history = cel_history_init(1000)
        self.historyPath = historyPath
        if let history {
            cel_attach_history(editor, history)
            if let historyPath { _ = cel_history_load(history, historyPath) }
        }
        cel_install_sigint()
    }

    deinit {
        cel_history_end(history)
        cel_end(editor)
    }

    public func readLine(prompt: String) -> LineResult {
        cel_set_prompt(editor, prompt)
        var count: Int32 = 0
        guard let raw = cel_gets(editor, &count) else {
            return cel_take_sigint() != 0 ? .interrupted : .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    public func addHistory(_ line: String) {
        guard let history, !line.isEmpty else { return }
        _ = cel_history_enter(history, line)
        if let historyPath {
            let previous = umask(0o077)
            _ = cel_history_save(history, historyPath)
            umask(previous)
        }
    }

    /// libedit drops non-ASCII bytes unless the locale's codeset is UTF-8 (CI and cron run in "C").
    static func ensureUTF8Locale() {
        if let current = setlocale(LC_CTYPE, ""), String(cString: current).uppercased().contains("UTF") { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
