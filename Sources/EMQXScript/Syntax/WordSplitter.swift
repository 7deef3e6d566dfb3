/// A word of a command line, with the column it starts at (from 1).
public struct Word: Sendable, Hashable {
    public var text: String
    public var column: Int
    /// Whether any part of it was quoted, so `""` is an empty word rather than nothing.
    public var wasQuoted: Bool
}

/// A command line that cannot be split, with the column of the problem.
public struct SplitError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var column: Int
    /// True when more input could complete the line (an open quote or bracket), so a prompt can ask for it.
    public var isIncomplete: Bool
    public var description: String { "column \(column): \(message)" }
}

/// Splits a command line into words the way a shell does: spaces separate, quotes group,
/// backslash escapes inside double quotes, `#` starts a comment, and a JSON value in
/// `{…}` or `[…]` stays one word.
public enum WordSplitter {
    public static func split(_ line: String) throws(SplitError) -> [Word] {
        let characters = Array(line)
        var words: [Word] = []
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if c == " " || c == "\t" {
                index += 1
                continue
            }
            if c == "#" { break }
            let start = index
            var text = ""
            var quoted = false
            if c == "{" || c == "[" {
                var depth = 0
                var inString = false
                while index < characters.count {
                    let d = characters[index]
                    text.append(d)
                    if inString {
                        if d == "\\", index + 1 < characters.count {
                            index += 1
                            text.append(characters[index])
                        } else if d == "\"" {
                            inString = false
                        }
                    } else if d == "\"" {
                        inString = true
                    } else if d == "{" || d == "[" {
                        depth += 1
                    } else if d == "}" || d == "]" {
                        depth -= 1
                        if depth == 0 {
                            index += 1
                            break
                        }
                    }
                    index += 1
                }
                if depth != 0 || inString {
                    throw SplitError(message: "unclosed '\(c)'", column: start + 1, isIncomplete: true)
                }
                words.append(Word(text: text, column: start + 1, wasQuoted: false))
                continue
            }
            while index < characters.count, characters[index] != " ", characters[index] != "\t" {
                let d = characters[index]
                if d == "'" || d == "\"" {
                    quoted = true
                    let open = index
                    index += 1
                    var closed = false
                    while index < characters.count {
                        let e = characters[index]
                        if e == d {
                            closed = true
                            break
                        }
                        if d == "\"", e == "\\", index + 1 < characters.count {
                            index += 1
                            let escaped = characters[index]
                            switch escaped {
                            case "n": text.append("\n")
                            case "t": text.append("\t")
                            default: text.append(escaped)
                            }
                        } else {
                            text.append(e)
                        }
                        index += 1
                    }
                    guard closed else {
                        throw SplitError(
                            message: "unterminated string; add a closing \(d)", column: open + 1, isIncomplete: true)
                    }
                    index += 1
                } else {
                    text.append(d)
                    index += 1
                }
            }
            words.append(Word(text: text, column: start + 1, wasQuoted: quoted))
        }
        return words
    }
}
