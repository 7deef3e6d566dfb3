/// A token of the expression grammar.
enum TokenKind: Equatable {
    case identifier(String)
    /// `$name`: always a variable.
    case variable(String)
    case integer(Int64)
    case float(Double)
    /// A double-quoted string, split into literal text and `${…}` expressions (their source and where it starts).
    case string([StringPiece])
    /// A single-quoted string: no escapes but `\'` and `\\`, no interpolation.
    case rawString(String)
    /// `$(`: a command substitution starts.
    case commandStart
    case symbol(String)
    case newline
    case end
}

/// A piece of a double-quoted string.
enum StringPiece: Equatable {
    case text(String)
    /// The source of a `${…}` expression and the location of its first character.
    case interpolation(String, line: Int, column: Int)
}

struct Token: Equatable {
    var kind: TokenKind
    var line: Int
    var column: Int
    /// Whether whitespace came right before it; `f (x)` and `f(x)` differ.
    var spaceBefore: Bool
    /// The lexer's state where the token starts, to hand the text back to word-mode lexing.
    var start: LexerMark = LexerMark(index: 0, line: 1, column: 1)
}

struct LexerMark: Equatable {
    var index: Int
    var line: Int
    var column: Int
}

/// Words that are never commands or variables.
/// Keywords that begin a statement: what Tab offers at the start of a line.
public let statementKeywords: Set<String> = [
    "let", "if", "for", "while", "break", "continue", "def", "return", "try", "source", "exit", "throw",
]

/// Every word the lexer reserves: the statement keywords, and those that continue a statement or stand for a value.
let reservedWords: Set<String> = statementKeywords.union([
    "elif", "else", "in", "catch", "finally", "true", "false", "null", "and", "or", "not",
])
