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
                guard let scalar = Unicode.Scalar(value) else { continue }
                var bytes = Array(String(scalar).utf8)
                guard bytes.withUnsafeBufferPointer({ ASCIIPattern.isLoneScalars($0) }) else { continue }
                let text = String(scalar)
                #expect(text.precomposedStringWithCanonicalMapping == text, "U+\(String(value, radix: 16))")
                lone.append(scalar)
                bytes.removeAll()
            }
        }
        // Two lone scalars side by side stay two characters: a Hangul syllable and a vowel after it would not.
        var random = SplitMix64(state: 3)
        for _ in 0..<100_000 {
            let pair = String(random.pick(lone)) + String(random.pick(lone))
            #expect(pair.count == 2, "\(pair.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        var syllableAndVowel = Array("\u{AC00}\u{D7B0}".utf8)
        #expect(!syllableAndVowel.withUnsafeBufferPointer { ASCIIPattern.isLoneScalars($0) })
        syllableAndVowel.removeAll()
    }
}
