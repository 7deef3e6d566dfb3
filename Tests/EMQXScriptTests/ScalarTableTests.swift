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

    /// `sort` orders text of lone scalars by its bytes (``SortOrder/LoneScalarText``): such text is its own NFC, so
    /// the bytes' order is `<`'s, for texts sharing prefixes and of different lengths either side of the 16 bytes
    /// kept as numbers, with NUL among the characters (the numbers' padding).
    @Test func loneScalarTextIsOrderedByItsBytes() {
        var lone: [Unicode.Scalar] = []
        for range in ASCIIPattern.neverJoining {
            for value in range where ASCIIPattern.isLone(value) { Unicode.Scalar(value).map { lone.append($0) } }
        }
        var random = SplitMix64(state: 5)
        // A small pool per round, so that texts share prefixes and are often equal.
        var compared = 0
        for _ in 0..<200 {
            let pool = (0..<4).map { _ in random.pick(lone) } + Array("aZ0 /\u{0}".unicodeScalars)
            let prefixes = ["", "0123456789abcde", "0123456789abcdef", "température/1", "a\u{0}\u{0}"]
            let texts = (0..<40).map { _ in
                random.pick(prefixes)
                    + String(String.UnicodeScalarView((0..<(random.next() % 4)).map { _ in random.pick(pool) }))
            }
            for a in texts {
                #expect(a.precomposedStringWithCanonicalMapping == a)
                for b in texts.prefix(10) {
                    let (x, y) = (SortOrder.LoneScalarText(text: a), SortOrder.LoneScalarText(text: b))
                    #expect((x < y) == (a < b) && (x == y) == (a == b), "\(a.debugDescription) \(b.debugDescription)")
                    compared += 1
                }
            }
        }
        #expect(compared == 80_000)
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
