import Foundation

/// Reads the sessions written in a Markdown tutorial.
///
/// - ```` ```emqx ```` blocks that start with a prompt line (`sandbox v5> users`) hold continuation lines
///   (`   ... }`) and the output expected after each input; all of a file's blocks are one session, in order.
///   An `emqx` block that starts otherwise is a script listing and is left alone.
/// - `<!-- mask: REGEX => REPLACEMENT -->` hides a volatile value in the whole file;
///   `<!-- width: N -->` sets the terminal width tables are cut to (default 100).
/// - `<!-- doctest: skip -->` leaves out the next block; `<!-- doctest: only v5 -->` (or `v4`) checks it on that
///   API generation alone, for what the other one answers differently.
/// - ```` ```sh doctest-background ```` blocks hold commands (a real MQTT client, say) started in the background
///   before the next entry, with `MQTT_HOST`, `MQTT_PORT` and `API_URL` set, and stopped when the check ends.
public enum MarkdownTranscript {
    public static func parse(_ text: String, source: String) throws(ShellError) -> Transcript {
        var transcript = Transcript(source: source)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var index = 0
        var skipNext = false
        var onlyOn: String?
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let directive = comment(trimmed) {
                if directive.hasPrefix("doctest: only ") {
                    onlyOn = String(directive.dropFirst("doctest: only ".count))
                } else {
                    try apply(directive, to: &transcript, skip: &skipNext, at: "\(source):\(index + 1)")
                }
                index += 1
                continue
            }
            guard trimmed.hasPrefix("```") else {
                index += 1
                continue
            }
            let info = trimmed.dropFirst(3).split(separator: " ").map(String.init)
            let end =
                lines[(index + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
                ?? lines.count
            let body = Array(lines[(index + 1)..<end])
            if skipNext {
                skipNext = false
            } else if info.first == "emqx" {
                let first = transcript.entries.count
                try readBlock(body, firstLine: index + 2, into: &transcript)
                for entry in first..<transcript.entries.count { transcript.entries[entry].onlyOn = onlyOn }
                onlyOn = nil
            } else if info.first == "sh", info.contains("doctest-background") {
                let commands = body.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty && !$0.hasPrefix("#")
                }
                transcript.background[transcript.entries.count, default: []] += commands
            }
            index = end + 1
        }
        return transcript
    }

    private static func comment(_ line: String) -> String? {
        guard line.hasPrefix("<!--"), line.hasSuffix("-->") else { return nil }
        return line.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
    }

    private static func apply(
        _ directive: String, to transcript: inout Transcript, skip: inout Bool, at location: String
    ) throws(ShellError) {
        if directive.hasPrefix("mask:") {
            do {
                transcript.masks.append(
                    try MaskRule(declaration: directive.dropFirst(5).trimmingCharacters(in: .whitespaces)))
            } catch {
                throw ShellError.usage("\(location): \(error.message)")
            }
        } else if directive.hasPrefix("width:") {
            guard let width = Int(directive.dropFirst(6).trimmingCharacters(in: .whitespaces)), width > 10 else {
                throw ShellError.usage("\(location): width takes a number of columns")
            }
            transcript.width = width
        } else if directive == "doctest: skip" {
            skip = true
        }
    }

    private static func readBlock(
        _ body: [String], firstLine: Int, into transcript: inout Transcript
    ) throws(ShellError) {
        // A block that does not start at a prompt is a script listing (docs/language.md checks those), not a session.
        guard let first = body.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
            promptLine(first) != nil
        else { return }
        var current: Transcript.Entry?
        for (offset, line) in body.enumerated() {
            if let (context, input) = promptLine(line) {
                if let entry = current { transcript.entries.append(entry) }
                current = Transcript.Entry(context: context, input: input, line: firstLine + offset)
            } else if var entry = current, entry.output.isEmpty, let rest = continuationLine(line) {
                entry.input += "\n" + rest
                current = entry
            } else {
                current?.output.append(OutputLine(line))
            }
        }
        if let entry = current { transcript.entries.append(entry) }
    }

    /// `sandbox v5> text`: a deployment name, an optional generation, `> `.
    static func promptLine(_ line: String) -> (String, String)? {
        guard let match = line.wholeMatch(of: /([A-Za-z0-9_.@:-]+(?: (?:v4|v5|auto))?)> ?(.*)/) else { return nil }
        return (String(match.1), String(match.2))
    }

    /// `      ... text`, as the REPL shows a continuation.
    static func continuationLine(_ line: String) -> String? {
        guard let match = line.wholeMatch(of: /\s*\.\.\.(?: (.*))?/) else { return nil }
        return String(match.1 ?? "")
    }
}
