/// What a regular expression's byte form (``BytePattern``, ``ByteRegex``) may meet outside ASCII and still answer as
/// `Regex` does, matching by characters.
///
/// The byte forms match each character of a match with a set of ASCII bytes; a byte outside ASCII is in no set.
/// `Regex` agrees on text outside ASCII when no character there could be taken by a set:
/// - the pattern has no set that takes characters outside ASCII by name: `.`, `\w`, a negation (`\D`, `\W`, `\S`,
///   `[^…]`). `\d` and `\s` take digits and spaces outside ASCII (a fullwidth `３`, a no-break space), so with
///   them the text may hold no such digit or space;
/// - the text is lone scalars (``ASCIIPattern/isLone(_:)``): every ASCII character is one of its own (no carriage
///   return: `\r\n` is one character), and no scalar outside ASCII is equal, as a character, to an ASCII one
///   (KELVIN SIGN is `K`, GREEK QUESTION MARK is `;`, GREEK VARIA is `` ` ``);
/// - no line separator outside ASCII (NEL, U+2028, U+2029), which `Regex` may end a line at.
///
/// A topic such as `usine/ligne-3/machine-74/température` then takes the byte forms: `Regex` cost 21,000
/// instructions a match there, the byte form about 1,000. `RegexOutsideASCIITests` holds it to `Regex`.
struct ASCIISets {
    /// Whether a set of the pattern is `\d`, or holds it.
    let digits: Bool
    /// Whether a set of the pattern is `\s`, or holds it.
    let spaces: Bool

    /// Nil when a set of `pattern` takes characters outside ASCII by name (see above): only ASCII text may be read.
    init?(_ pattern: String) {
        var digits = false
        var spaces = false
        var inSet = false
        var bytes = Array(pattern.utf8)[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\\"):
                switch bytes.popFirst() {
                case UInt8(ascii: "d"): digits = true
                case UInt8(ascii: "s"): spaces = true
                case UInt8(ascii: "w"), UInt8(ascii: "W"), UInt8(ascii: "D"), UInt8(ascii: "S"), nil: return nil
                default: break
                }
            case UInt8(ascii: "]") where inSet: inSet = false
            case _ where inSet: break
            case UInt8(ascii: "["):
                guard bytes.first != UInt8(ascii: "^") else { return nil }
                inSet = true
            case UInt8(ascii: "."): return nil
            default: break
            }
        }
        self.digits = digits
        self.spaces = spaces
    }

    /// Whether the byte form's answer on `text` is `Regex`'s (see above).
    func canRead(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        ASCIIPattern.everyScalarOutsideASCII(in: text) { scalar in
            guard ASCIIPattern.isLone(scalar), !Self.isLineSeparator(scalar) else { return false }
            if spaces && ASCIIText.isWhitespace(scalar) { return false }
            return !digits || Unicode.Scalar(scalar)?.properties.numericType != .decimal
        }
    }

    @inline(__always)
    private static func isLineSeparator(_ scalar: UInt32) -> Bool {
        scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
    }
}
