@testable import EMQXKit
import Testing

/// RFC 7616 §3.9.1: the Mufasa example.
@Suite struct DigestTests {
    static let nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
    static let opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"
    static let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"

    @Test(arguments: [
        (DigestAlgorithm.md5, "8ca523f5e9506fed4657c9700eebdbec"),
        (.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
    ])
    func matchesTheRFCTestVectors(_ algorithm: DigestAlgorithm, _ expected: String) {
        let challenge = DigestChallenge(realm: "http-auth@example.org", nonce: Self.nonce, opaque: Self.opaque, algorithm: algorithm)
        let digest = DigestAuthorization(username: "Mufasa", password: "Circle of Life", challenge: challenge)
        #expect(digest.response(method: "GET", uri: "/dir/index.html", nonceCount: 1, clientNonce: Self.cnonce) == expected)
        let header = digest.headerValue(method: "GET", uri: "/dir/index.html", nonceCount: 1, clientNonce: Self.cnonce)
        #expect(header.contains("nc=00000001"))
        #expect(header.contains("response=\"\(expected)\""))
        #expect(!header.contains("Circle of Life"))
    }

    @Test func picksSHA256AmongSeveralChallenges() throws {
        let headers = [
            #"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="\#(Self.nonce)", opaque="\#(Self.opaque)""#,
            #"Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="\#(Self.nonce)", opaque="\#(Self.opaque)", stale=TRUE"#,
        ]
        let challenge = try #require(DigestChallenge.best(in: headers))
        #expect(challenge.algorithm == .sha256)
        #expect(challenge.stale)
        #expect(challenge.supportsQopAuth)
        #expect(challenge.opaque == Self.opaque)
    }

    @Test func ignoresBasicAndUnknownAlgorithms() {
        #expect(DigestChallenge.best(in: [#"Basic Realm="minirest-server""#]) == nil)
        #expect(DigestChallenge.best(in: [#"Digest realm="r", nonce="n", algorithm=SHA-512-256"#]) == nil)
    }
}
