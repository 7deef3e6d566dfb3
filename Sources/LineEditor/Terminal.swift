import CEditLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the controlling terminal, and reading a secret from it.
public enum Terminal {
    /// The terminal's width in columns; 120 when it cannot be told (not a terminal).
    public static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 120
    }

    /// Reads a line from the terminal without echoing it; nil when stdin is not a terminal.
    public static func readSecret(prompt: String) -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            writeError("\n")
        }
        writeError(prompt)
        return Swift.readLine(strippingNewline: true)
    }

    /// True once after each Ctrl-C that arrived while a command ran (see `catchInterrupts`).
    public static func takeInterrupt() -> Bool { cel_take_sigint() != 0 }

    /// Turns SIGINT into a flag that `takeInterrupt` reads, instead of ending the process at once.
    public static func catchInterrupts() { cel_install_sigint() }
}

/// Writes to standard error with write(2): the C `stderr` global is not concurrency-safe in Swift 6.
func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
