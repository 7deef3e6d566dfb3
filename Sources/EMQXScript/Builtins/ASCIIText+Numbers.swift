/// Numbers written plainly (`"42"`, `"-7"`, `"21.5"`), read from their bytes for `int()` and `float()`.
///
/// Text of any other shape, spaces around it included, gives nil and goes to the general reading: `Int64(_:)`
/// after trimming by characters, or C's `strtod`, which costs ten times as much for a short decimal.
extension ASCIIText {
    /// Powers of ten a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value of an optional `-` and 1 to 18 ASCII digits, which no `Int64` overflows.
    static func wholeNumber(_ text: String) -> Int64? {
        text.withBytes { bytes -> Int64? in
            let negative = bytes.first == UInt8(ascii: "-")
            let digits = negative ? bytes.count - 1 : bytes.count
            guard digits > 0, digits <= 18 else { return nil }
            var value: Int64 = 0
            for byte in bytes[(negative ? 1 : 0)...] {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int64(digit)
            }
            return negative ? -value : value
        }
    }

    /// The value of an optional `-`, digits, and a `.` with digits after it: at most 15 digits in all, so that one
    /// division of two exact doubles gives the nearest double, as `strtod` does.
    static func decimalNumber(_ text: String) -> Double? {
        text.withBytes { bytes -> Double? in
            let negative = bytes.first == UInt8(ascii: "-")
            var mantissa: Int64 = 0
            var digits = 0
            var fractionDigits = -1
            for byte in bytes[(negative ? 1 : 0)...] {
                let digit = byte &- UInt8(ascii: "0")
                if digit < 10 {
                    mantissa = mantissa &* 10 &+ Int64(digit)
                    digits += 1
                    if fractionDigits >= 0 { fractionDigits += 1 }
                } else if byte == UInt8(ascii: "."), fractionDigits < 0, digits > 0 {
                    fractionDigits = 0
                } else {
                    return nil
                }
            }
            guard digits > 0, digits <= 15, fractionDigits != 0 else { return nil }
            let value = Double(mantissa) / exactPowersOfTen[max(fractionDigits, 0)]
            return negative ? -value : value
        }
    }
}
