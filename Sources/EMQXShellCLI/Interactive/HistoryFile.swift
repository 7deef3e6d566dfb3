import EMQXFiles
import EMQXShell
import Foundation

/// Where history lives and which lines may go there.
public enum HistoryFile {
    /// `$XDG_DATA_HOME/emqxsh/history-NAME` (default `~/.local/share/…`), created 0700/0600.
    public static func path(for deployment: String, warn: any OutputSink) -> String? {
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
    public static func mayKeep(_ line: String) -> Bool { !SecretText.mentionsSecret(line) }
}
