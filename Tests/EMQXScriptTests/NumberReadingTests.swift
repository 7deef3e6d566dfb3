import PropertyBased
import Testing

@testable import EMQXScript

/// `int()` and `float()` read plain numbers from their bytes; whenever that way answers, it says what the general
/// reading says (`Int64(_:)`, and `Double(_:)` bit for bit), on text of every shape near a plain number.
@Suite struct NumberReadingTests {
    static let pieces = [
        "0", "1", "7", "9", "00", "123456789", ".", "-", "+", "e", "E", " ", "\t", "x", "\u{A0}", "é", "5e3", "1e400",
    ]
    static let text = Gen.int(in: 0...(pieces.count - 1)).map { pieces[$0] }.array(of: 1...6).map { $0.joined() }

    @Test func bytesAgreeWithTheGeneralReading() async {
        var answered = (whole: 0, decimal: 0)
        await propertyCheck(count: 4000, input: Self.text) { (text: String) in
            if let fast = ASCIIText.wholeNumber(text) {
                answered.whole += 1
                #expect(fast == Int64(text), "\(text.debugDescription)")
            }
            if let fast = ASCIIText.decimalNumber(text) {
                answered.decimal += 1
                #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text.debugDescription)")
            }
        }
        #expect(answered.whole > 300 && answered.decimal > 300, "\(answered)")
    }

    /// Long decimals, where a mantissa past 2^53 or a division rounded twice would give a neighbour of the nearest.
    @Test func longDecimalsAreTheNearestDouble() async {
        let digits = Gen.int(in: 0...9).array(of: 1...19).map { $0.map(String.init).joined() }
        await propertyCheck(count: 3000, input: digits, Gen.int(in: 0...19)) { (digits: String, point: Int) in
            let cut = digits.index(digits.startIndex, offsetBy: min(point, digits.count - 1))
            let text = "\(digits[..<cut]).\(digits[cut...])"
            if let fast = ASCIIText.decimalNumber(text) {
                #expect(fast.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
    }

    @Test(arguments: [
        ("int(\"42\")", "42"),
        ("int(\"-7\")", "-7"),
        ("int(\" 12 \")", "12"),
        ("int(\"999999999999999999\")", "999999999999999999"),
        ("int(\"9223372036854775807\")", "9223372036854775807"),
        ("float(\"21.5\")", "21.5"),
        ("float(\"0.1\")", "0.1"),
        ("float(\"123456789012345.6\")", "123456789012345.6"),
        ("float(\"1e3\")", "1000.0"),
        ("float(\" 2.5\")", "2.5"),
        ("float(\"3\")", "3.0"),
        ("float(\"1.\")", "1.0"),
        ("int(\"1.5\")", "int(): expected an integer, got the string \"1.5\""),
        ("int(\"-\")", "int(): expected an integer, got the string \"-\""),
    ])
    func scriptsReadNumbers(source: String, expected: String) async throws {
        #expect(try await run("try { print \(source) } catch e { print $e.message }") == expected)
    }
}
