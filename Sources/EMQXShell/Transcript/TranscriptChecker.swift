import Foundation

/// Re-runs a transcript's inputs in a session and compares what they print with what was recorded.
public enum TranscriptChecker {
    /// An entry whose output changed.
    public struct Difference: Sendable {
        public var entry: Transcript.Entry
        public var expected: [String]
        public var actual: [String]
        /// What the input printed now, unmasked, for rewriting the expected output.
        public var printed: [OutputLine]
    }

    /// Runs every entry in order (the session keeps its state between them) and returns the differences.
    ///
    /// `before` runs ahead of each entry, by index: the caller starts a tutorial's background commands there.
    /// An input still running after `timeout` is cancelled, and the check goes on with a note in its output.
    public static func check(
        _ transcript: Transcript, session: ShellSession, capture: CapturingSink, timeout: Duration = .seconds(30),
        before: (Int) async -> Void = { _ in }
    ) async -> [Difference] {
        var differences: [Difference] = []
        _ = capture.takeLines()
        for (index, entry) in transcript.entries.enumerated() {
            await before(index)
            if let only = entry.onlyOn, let generation = session.client?.knownGeneration?.rawValue, only != generation {
                continue
            }
            let finished = await withTaskGroup(of: Bool.self) { group in
                group.addTask {
                    _ = await session.runEntry(entry.input, sourceName: transcript.inputName)
                    return true
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    return false
                }
                let first = await group.next() ?? true
                group.cancelAll()
                return first
            }
            if !finished {
                capture.writeError("error: still running after \(timeout.components.seconds) s; stopped by the check\n")
            }
            let printed = capture.takeLines()
            let expected = normalize(entry.output, masks: transcript.masks)
            let actual = normalize(printed, masks: transcript.masks)
            if expected != actual {
                differences.append(Difference(entry: entry, expected: expected, actual: actual, printed: printed))
            }
        }
        return differences
    }

    /// Lines as compared: masked, runs of spaces as one (a masked value changes a table's alignment, not its content),
    /// without trailing blanks, trailing empty lines dropped.
    public static func normalize(_ lines: [OutputLine], masks: [MaskRule]) -> [String] {
        var texts = lines.map { line -> String in
            let masked = masks.apply(line.text).replacing(/\ {2,}/, with: " ")
            return String(masked.reversed().drop { $0 == " " }.reversed())
        }
        while texts.last?.isEmpty == true { texts.removeLast() }
        return texts
    }

    /// The differences as a reader wants them: where, which input, and a line diff (`-` recorded, `+` now).
    public static func report(_ differences: [Difference], source: String) -> String {
        differences.map { difference in
            let input = difference.entry.input.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            var text = "\(source):\(difference.entry.line): output of '\(input)' differs (- recorded, + now):\n"
            for line in lineDiff(difference.expected, difference.actual) { text += line + "\n" }
            return text
        }.joined(separator: "\n")
    }

    /// `text` (a Markdown file) with the expected output of each differing entry replaced by what it printed now;
    /// entries that match, prompts, prose and directives stay as they are.
    public static func updated(_ text: String, with differences: [Difference]) -> String {
        var lines = text.components(separatedBy: "\n")
        // From the bottom up, so earlier line numbers stay valid.
        for difference in differences.sorted(by: { $0.entry.line > $1.entry.line }) {
            let entry = difference.entry
            let first = entry.line - 1 + entry.input.split(separator: "\n", omittingEmptySubsequences: false).count
            guard first <= lines.count, first + entry.output.count <= lines.count else { continue }
            var printed = difference.printed.map(\.text)
            while printed.last?.isEmpty == true { printed.removeLast() }
            lines.replaceSubrange(first..<(first + entry.output.count), with: printed)
        }
        return lines.joined(separator: "\n")
    }

    /// A minimal line diff by longest common subsequence: `  same`, `- only expected`, `+ only actual`.
    static func lineDiff(_ old: [String], _ new: [String]) -> [String] {
        let n = old.count, m = new.count
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                out.append("  " + old[i])
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("- " + old[i])
                i += 1
            } else {
                out.append("+ " + new[j])
                j += 1
            }
        }
        return out
    }
}
