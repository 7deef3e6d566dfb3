import Foundation

/// The recording file format: plain text, one line per event, documented in docs/recordings.md.
///
/// ```
/// #emqxsh-recording 1
/// #started 2026-11-27T10:00:00Z
/// #width 100
/// #format json          (when results were not tables)
/// #input -c             (when inputs came from -c or a file, not the prompt)
/// #mask \d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d) => <time>
/// [0.000] sandbox v5> users add alice --password ********
/// user_id  is_superuser
/// alice    false
/// [4.210] sandbox v5> kick ghost
/// ! error: CLIENTID_NOT_FOUND: …
/// ```
///
/// An input's continuation lines start with `[offset] context... `; a line of standard error starts with `! `;
/// an output line that could be read as one of those (or starts with `\` or `#`) is written with a `\` in front.
public enum TranscriptFile {
    public static let magic = "#emqxsh-recording 1"

    /// The header a new recording starts with.
    public static func header(
        started: Date, width: Int, format: OutputFormat, inputName: String, masks: [String]
    ) -> String {
        var lines = [magic, "#started \(started.formatted(.iso8601))", "#width \(width)"]
        if format != .table { lines.append("#format \(format.rawValue)") }
        if inputName != "<prompt>" { lines.append("#input \(inputName)") }
        lines += masks.map { "#mask \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines for one input.
    public static func inputLines(offset: Double, context: String, input: String) -> String {
        let stamp = "[" + String(format: "%.3f", offset) + "] "
        return input.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            stamp + context + (index == 0 ? "> " : "... ") + line
        }.joined(separator: "\n") + "\n"
    }

    /// The line for one line of output, escaped where it could be misread.
    public static func outputLine(_ text: String, isError: Bool) -> String {
        if isError { return "! " + text + "\n" }
        let ambiguous = text.hasPrefix("! ") || text.hasPrefix("\\") || text.hasPrefix("#") || isEntryLine(text)
        return (ambiguous ? "\\" : "") + text + "\n"
    }

    /// Reads a recording; errors name the file and line.
    public static func parse(_ text: String, source: String) throws(ShellError) -> Transcript {
        var transcript = Transcript(source: source)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        guard lines.first == magic else {
            throw ShellError.usage("\(source):1: not an emqxsh recording (it must start with '\(magic)')")
        }
        var current: Transcript.Entry?
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            // Output lines that start with # are escaped, so a bare # line is a directive wherever it is.
            if line.hasPrefix("#") {
                try header(line, into: &transcript, at: "\(source):\(number)")
            } else if let parsed = parseEntryLine(line) {
                if parsed.continuation, var entry = current, entry.output.isEmpty {
                    entry.input += "\n" + parsed.text
                    current = entry
                } else {
                    if let entry = current { transcript.entries.append(entry) }
                    current = Transcript.Entry(
                        offset: parsed.offset, context: parsed.context, input: parsed.text, line: number)
                }
            } else {
                guard current != nil else {
                    throw ShellError.usage("\(source):\(number): output before the first input: '\(line.prefix(60))'")
                }
                if line.hasPrefix("! ") {
                    current?.output.append(OutputLine(String(line.dropFirst(2)), isError: true))
                } else {
                    current?.output.append(OutputLine(line.hasPrefix("\\") ? String(line.dropFirst()) : line))
                }
            }
        }
        if let entry = current { transcript.entries.append(entry) }
        return transcript
    }

    private static func header(
        _ line: String, into transcript: inout Transcript, at location: String
    ) throws(ShellError) {
        if line.hasPrefix("#mask ") {
            do {
                transcript.masks.append(try MaskRule(declaration: String(line.dropFirst(6))))
            } catch {
                throw ShellError.usage("\(location): \(error.message)")
            }
        } else if line.hasPrefix("#format ") {
            guard let format = OutputFormat(name: String(line.dropFirst(8))) else {
                throw ShellError.usage("\(location): #format takes table, json, jsonl, csv or yaml")
            }
            transcript.format = format
        } else if line.hasPrefix("#input ") {
            transcript.inputName = String(line.dropFirst(7))
        } else if line.hasPrefix("#width ") {
            guard let width = Int(line.dropFirst(7)), width > 10 else {
                throw ShellError.usage("\(location): #width takes a number of columns")
            }
            transcript.width = width
        }
        // Other # lines (#started, #resumed, comments) are informative.
    }

    static func isEntryLine(_ text: String) -> Bool { parseEntryLine(text) != nil }

    /// `[1.234] sandbox v5> text` or `[1.234] sandbox v5... text`.
    static func parseEntryLine(_ line: String) -> (offset: Double, context: String, text: String, continuation: Bool)? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]"),
            let offset = Double(line[line.index(after: line.startIndex)..<close]),
            line[close...].hasPrefix("] ")
        else { return nil }
        let rest = line[line.index(close, offsetBy: 2)...]
        let prompt = rest.range(of: "> ")
        let continuation = rest.range(of: "... ")
        if let prompt, continuation.map({ prompt.lowerBound < $0.lowerBound }) ?? true {
            return (offset, String(rest[..<prompt.lowerBound]), String(rest[prompt.upperBound...]), false)
        }
        if let continuation {
            return (offset, String(rest[..<continuation.lowerBound]), String(rest[continuation.upperBound...]), true)
        }
        return nil
    }
}
