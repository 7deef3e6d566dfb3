import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXScript

/// The tables of scalars the byte paths trust (``ASCIIPattern``) say of each scalar what the standard library's
/// grapheme breaking and Foundation's normalization say.
@Suite struct ScalarTableTests {
    @Test func scalarsSaidNeverToJoinDoNot() {
        // Every scalar of the table, either side of each kind of ASCII character, stays a character of its own.
        for range in ASCIIPattern.neverJoining {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(scalar)
                #expect(("/" + text).count == 2 && (text + "a").count == 2, "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func loneScalarsAreCharactersEqualToNoOther() {
        // Lone scalars equal to no other: Foundation's NFC, the form `==` on characters compares, keeps each one.
        var lone: [Unicode.Scalar] = []
        for range in ASCIIPattern.neverJoining {
            for value in range {
                guard let scalar = Unicode.Scalar(value), ASCIIPattern.isLone(value) else { continue }
                let text = String(scalar)
                #expect(text.precomposedStringWithCanonicalMapping == text, "U+\(String(value, radix: 16))")
                lone.append(scalar)
            }
        }
        // Two lone scalars side by side stay two characters: a Hangul syllable and a vowel after it would not.
        var random = SplitMix64(state: 3)
        for _ in 0..<100_000 {
            let pair = String(random.pick(lone)) + String(random.pick(lone))
            #expect(pair.count == 2, "\(pair.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(!ASCIIPattern.isLone(0xD7B0), "a Hangul vowel joins the syllable before it")
        #expect(lone.count > 50_000, "\(lone.count) lone scalars")
    }

    @Test func latin1CaseIsTheStandardLibrarys() {
        // Each scalar of Latin-1, alone and between ASCII letters, in both cases; ß, ÿ and µ going up are left to
        // the general path, whose answers are longer or outside Latin-1.
        for value in UInt32(0x80)...0xFF {
            let scalar = String(Unicode.Scalar(value)!)
            for text in [scalar, "aZ\(scalar)zA", "\(scalar)\(scalar)ée"] {
                for toUpper in [true, false] {
                    let fast = ASCIIText.changingCase(text, toUpper: toUpper)
                    let leftToGeneral = toUpper && [0xDF, 0xFF, 0xB5].contains(value)
                    #expect((fast == nil) == leftToGeneral, "U+\(String(value, radix: 16)) \(toUpper)")
                    if let fast {
                        #expect(fast == (toUpper ? text.uppercased() : text.lowercased()), "\(text) \(toUpper)")
                    }
                }
            }
        }
        #expect(ASCIIText.changingCase("température", toUpper: true) == "TEMPÉRATURE")
        #expect(ASCIIText.changingCase("ÉTAGE", toUpper: false) == "étage")
        #expect(ASCIIText.changingCase("€", toUpper: true) == nil)
    }
}
