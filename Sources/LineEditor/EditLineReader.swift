import CEditLine
import EMQXFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines at a terminal through libedit: emacs keys, UTF-8, history, Ctrl-R, Tab completion.
public final class EditLineReader: LineReader, @unchecked Sendable {
    private let editor: OpaquePointer
    private let history: OpaquePointer?
    private var historyPath: String?
    /// What could complete the text before the cursor (each a whole replacement for the word being typed), and
    /// whether those are names, which are written with `quote`; keywords and flags are inserted as they are.
    public var completer: (@Sendable (String) -> (candidates: [String], areNames: Bool))?
    /// Writes a name as a word the shell reads back as exactly that name; reads a typed word back.
    public var quote: @Sendable (String) -> String = { $0 }
    public var unquote: @Sendable (String) -> String = { $0 }
    /// The history, oldest first: what the file held when the reader started, then this session's lines.
    public private(set) var entries: [String] = []
    /// Told once why a history file is not used (a symbolic link, another user's file); the session goes on without it.
    public var historyProblem: (@Sendable (String) -> Void)?
    /// The reader Tab talks to: libedit's callbacks are C functions that cannot capture it.
    nonisolated(unsafe) static var active: EditLineReader?

    /// Sets up libedit on the terminal; nil when stdin is not a terminal or libedit cannot start.
    public init?(program: String, historyPath: String?) {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        Self.ensureUTF8Locale()
        guard let editor = cel_init(program) else { return nil }
        self.editor = editor
        self.history = cel_history_init(1000)
        self.historyPath = historyPath
        if let history { cel_attach_history(editor, history) }
        loadHistory()
        cel_install_sigint()
        cel_add_function(editor, "emqxsh-complete", "complete the word before the cursor") { editor, _ in
            guard let editor, let reader = EditLineReader.active else { return UInt8(CC_ERROR) }
            return reader.complete(editor)
        }
        cel_bind_key(editor, "\t", "emqxsh-complete")
        EditLineReader.active = self
    }

    /// Tab: inserts what all candidates share, or lists them when that adds nothing.
    private func complete(_ editor: OpaquePointer) -> UInt8 {
        guard let completer else { return UInt8(CC_REFRESH_BEEP) }
        var length: Int32 = 0
        guard let raw = cel_line_before_cursor(editor, &length) else { return UInt8(CC_ERROR) }
        let before = String(
            decoding: UnsafeBufferPointer(
                start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: Int(length)), as: UTF8.self)
        let (candidates, areNames) = completer(before)
        let edit = Completion.apply(candidates, to: before, quote: areNames ? quote : { $0 }, unquote: unquote)
        if !edit.insert.isEmpty {
            if edit.delete > 0 { cel_delete(editor, Int32(edit.delete)) }
            _ = cel_insert(editor, edit.insert)
            return UInt8(CC_REFRESH)
        }
        guard edit.list.count > 1 else { return UInt8(CC_REFRESH_BEEP) }
        writeOut("\n" + Completion.columns(edit.list) + "\n")
        return UInt8(CC_REDISPLAY)
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

    /// Changes to another history file (another deployment's): the current one is already saved.
    public func switchHistory(to path: String?) {
        guard path != historyPath, let history else { return }
        _ = cel_history_clear(history)
        entries = []
        historyPath = path
        loadHistory()
    }

    /// Reads the history file, after checking it is this user's own regular file (created 0600 when missing).
    private func loadHistory() {
        guard let history, let path = historyPath else { return }
        do {
            close(try PrivateFile.open(path, .update))
        } catch {
            historyPath = nil
            historyProblem?("history is not kept: \(error)")
            return
        }
        if cel_history_load(history, path) >= 0 { entries = Self.readEntries(path) }
    }

    public func addHistory(_ line: String) {
        guard let history, !line.isEmpty else { return }
        if entries.last != line { entries.append(line) }
        _ = cel_history_enter(history, line)
        guard let path = historyPath else { return }
        do {
            _ = cel_history_save_fd(history, try PrivateFile.open(path, .truncate))
        } catch {
            historyPath = nil
            historyProblem?("history is no longer kept: \(error)")
        }
    }

    /// libedit's file: `_HiStOrY_V2_`, then one vis(3)-encoded line per entry (`\040` is a space).
    static func readEntries(_ path: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var buffer = [CChar](repeating: 0, count: 65_536)
        while fgets(&buffer, Int32(buffer.count), file) != nil {
            var line = String(cString: buffer)
            if line.hasSuffix("\n") { line.removeLast() }
            if line == "_HiStOrY_V2_" { continue }
            lines.append(unvis(line))
        }
        return lines
    }

    /// Decodes vis(3)'s octal escapes.
    static func unvis(_ text: String) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "\\"), index + 4 <= source.count,
                source[(index + 1)..<(index + 4)].allSatisfy({ $0 >= 48 && $0 <= 55 })
            {
                let value = source[(index + 1)..<(index + 4)].reduce(0) { $0 * 8 + Int($1 - 48) }
                bytes.append(UInt8(truncatingIfNeeded: value))
                index += 4
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// libedit drops non-ASCII bytes unless the locale's codeset is UTF-8 (CI and cron run in "C").
    static func ensureUTF8Locale() {
        if let current = setlocale(LC_CTYPE, ""), String(cString: current).uppercased().contains("UTF") { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
