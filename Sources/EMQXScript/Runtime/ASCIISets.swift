/// What a regular expression's byte form (``BytePattern``, ``ByteRegex``) may meet outside ASCII and still answer as
/// `Regex` does, matching by characters.
///
/// The byte forms match each character of a match with a set of ASCII bytes; a byte outside ASCII is in no set.
/// `Regex` agrees on text outside ASCII when no character there could be taken by a set:
/// - the pattern has no set that takes characters outside ASCII by name: `.`, `\w`, a negation (`\D`, `\W`, `\S`,
///   `[^…]`). `\d` and `\s` take digits and spaces outside ASCII (a fullwidth `３`, a no-break space), so with
///   them the text may hold no such digit or space;
/// - every ASCII character of the text is one of its own: no carriage return (`\r\n` is one character), and each
///   scalar outside ASCII is one that never joins an ASCII one (``ASCIIPattern/neverJoining``);
/// - no scalar outside ASCII is equal, as a character, to an ASCII one: KELVIN SIGN is `K`, GREEK QUESTION MARK is
///   `;`, GREEK VARIA is `` ` ``;
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
            guard ASCIIPattern.neverJoins(scalar), !Self.isUnreadable(scalar) else { return false }
            guard digits || spaces, let properties = Unicode.Scalar(scalar)?.properties else { return true }
            return !(digits && properties.numericType == .decimal) && !(spaces && properties.isWhitespace)
        }
    }

    /// Whether `scalar` is one that never joins an ASCII one but that `Regex` reads as an ASCII character or as a
    /// line's end (see above).
    @inline(__always)
    private static func isUnreadable(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x85, 0x037E, 0x1FEF, 0x2028, 0x2029, 0x212A: true
        default: false
        }
    }
}
