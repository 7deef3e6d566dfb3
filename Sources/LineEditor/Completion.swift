#if canImport(Glibc)
import Glibc
#endif

/// What Tab does with a list of candidates for the word before the cursor.
public enum Completion {
    /// The word being typed: the text after the last space outside quotes, as typed (quotes and escapes kept).
    public static func currentWord(_ before: String) -> String {
        var word = ""
        var quote: Character?
        var escaped = false
        for c in before {
            if escaped {
                escaped = false
                word.append(c)
            } else if let open = quote {
                if c == "\\" && open == "\"" { escaped = true } else if c == open { quote = nil }
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

    /// What Tab does: the typed word's length to delete, the text to insert, or the candidates to list.
    public struct Edit: Equatable, Sendable {
        /// Characters before the cursor to remove first (the word as typed, when it is rewritten).
        public var delete: Int
        public var insert: String
        public var list: [String]

        public init(delete: Int, insert: String, list: [String]) {
            self.delete = delete
            self.insert = insert
            self.list = list
        }
    }

    /// Completes the word being typed from candidate names.
    ///
    /// Candidates are names, not source: `quote` writes a name as a word that means exactly it
    /// (`ShellWord.quote`), and `unquote` reads the typed word back (`ShellWord.unquote`). A name
    /// such as `x; users delete admin` is therefore inserted as one quoted word, never as two commands.
    public static func apply(
        _ candidates: [String], to before: String,
        quote: (String) -> String = { $0 }, unquote: (String) -> String = { $0 }
    ) -> Edit {
        let typed = currentWord(before)
        let value = unquote(typed)
        let matching = candidates.filter { $0.hasPrefix(value) }
        guard let first = matching.first else { return Edit(delete: 0, insert: "", list: []) }
        if matching.count == 1 {
            return rewrite(typed, as: quote(first) + " ", value: value, bare: first)
        }
        var common = first
        for candidate in matching.dropFirst() {
            while !candidate.hasPrefix(common) { common.removeLast() }
        }
        if common.count > value.count {
            var written = quote(common)
            // A shared beginning that needs quotes is left open, so typing goes on inside the quotes.
            if written != common, written.hasSuffix("\"") { written.removeLast() }
            return rewrite(typed, as: written, value: value, bare: common)
        }
        return Edit(delete: 0, insert: "", list: matching.map(quote))
    }

    /// Appends only the new characters when the word was typed bare and stays bare; otherwise rewrites the word.
    private static func rewrite(_ typed: String, as written: String, value: String, bare: String) -> Edit {
        if typed == value, written.hasPrefix(typed) {
            return Edit(delete: 0, insert: String(written.dropFirst(typed.count)), list: [])
        }
        // libedit counts code points, not grapheme clusters.
        return Edit(delete: typed.unicodeScalars.count, insert: written, list: [])
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
