#if canImport(Glibc)
import Glibc
#endif

/// What Tab does with a list of candidates for the word before the cursor.
public enum Completion {
    /// The word being typed: the text after the last unquoted space.
    public static func currentWord(_ before: String) -> String {
        var word = ""
        var quote: Character?
        for c in before {
            if let open = quote {
                if c == open { quote = nil }
                word.append(c)
            } else if c == " " || c == "\t" {
                word = ""
            } else {
                if c == "\"" || c == "'" { quote = c }
                word.append(c)
            }
        }
        return word
    }

    /// The text to insert (the candidates' common extension, plus a space when only one fits),
    /// and the candidates to list when there is nothing to insert.
    public static func apply(_ candidates: [String], to before: String) -> (insert: String, list: [String]) {
        let word = currentWord(before)
        let matching = candidates.filter { $0.hasPrefix(word) }
        guard let first = matching.first else { return ("", []) }
        if matching.count == 1 { return (String(first.dropFirst(word.count)) + " ", []) }
        var common = first
        for candidate in matching.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        let extra = String(common.dropFirst(word.count))
        return (extra, extra.isEmpty ? matching : [])
    }

    /// Candidates in columns, as shells list them.
    public static func columns(_ items: [String], width: Int = 100) -> String {
        let cell = (items.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var line = ""
        for (index, item) in items.enumerated() {
            line += item + String(repeating: " ", count: cell - item.count)
            if (index + 1) % perLine == 0 {
                lines.append(line)
                line = ""
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }
}

/// Writes to standard output with write(2), from libedit's callbacks.
func writeOut(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}
