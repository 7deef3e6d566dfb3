import EMQXSandbox
import Testing

@testable import EMQXKit

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
        let challenge = DigestChallenge(
            realm: "http-auth@example.org", nonce: Self.nonce, opaque: Self.opaque, algorithm: algorithm)
        let digest = DigestAuthorization(username: "Mufasa", password: "Circle of Life", challenge: challenge)
        #expect(
            digest.response(method: "GET", uri: "/dir/index.html", nonceCount: 1, clientNonce: Self.cnonce) == expected)
        let header = digest.headerValue(method: "GET", uri: "/dir/index.html", nonceCount: 1, clientNonce: Self.cnonce)
        #expect(header.contains("nc=00000001"))
        #expect(header.contains("response=\"\(expected)\""))
        #expect(!header.contains("Circle of Life"))
    }

    @Test func picksSHA256AmongSeveralChallenges() throws {
        let headers = [
            #"Digest "#
                + #"realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, "#
                + #"nonce="\#(Self.nonce)", opaque="\#(Self.opaque)""#,
            #"Digest "#
                + #"realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, "#
                + #"nonce="\#(Self.nonce)", opaque="\#(Self.opaque)", stale=TRUE"#,
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

/// RFC 7616 beyond the basic exchange, against the sandbox over real sockets.
@Suite struct DigestSessionTests {
    static func sandbox(algorithms: [String], userhash: Bool = false) async throws -> (Sandbox, Deployment) {
        var configuration = SandboxConfiguration(auth: .digest, useTLS: false, mqttPort: nil, mqttTLSPort: nil)
        configuration.digestAlgorithms = algorithms
        configuration.digestUserhash = userhash
        let sandbox = try Sandbox(configuration: configuration)
        try await sandbox.start()
        let deployment = try Deployment(
            name: "digest", url: sandbox.baseURL(.v5),
            credentials: Credentials(appID: "sandbox", secret: "sandbox-secret"),
            authMode: .digest)
        return (sandbox, deployment)
    }

    @Test(arguments: [(["SHA-256-sess"], false), (["MD5-sess"], true), (["SHA-256"], true)])
    func sessionAlgorithmsAndUserhashKeepWorking(_ algorithms: [String], _ userhash: Bool) async throws {
        let (sandbox, deployment) = try await Self.sandbox(algorithms: algorithms, userhash: userhash)
        let client = try await EMQXClient.connect(to: deployment)
        for _ in 0..<5 { #expect(try await client.nodes().count == 1) }
        await client.shutdown()
        await sandbox.stop()
    }

    @Test func userhashKeepsTheNameOffTheWire() {
        var challenge = DigestChallenge(realm: "r", nonce: "n", algorithm: .sha256)
        challenge.userhash = true
        let header = DigestAuthorization(username: "my-app-id", password: "pw", challenge: challenge)
            .headerValue(method: "GET", uri: "/", nonceCount: 1, clientNonce: "c")
        #expect(!header.contains("my-app-id"))
        #expect(header.contains("userhash=true"))
    }

    @Test func aSessionAlgorithmKeepsOneClientNoncePerServerNonce() throws {
        let authenticator = Authenticator(credentials: Credentials(appID: "a", secret: "s"), mode: .digest)
        let challenge = TransportResponse(
            status: 401,
            headers: [
                HTTPHeader("WWW-Authenticate", #"Digest realm="r", qop="auth", algorithm=SHA-256-sess, nonce="n1""#)
            ])
        #expect(authenticator.retry(after: challenge, previousHadDigest: false) == .challenge)
        let first = try #require(authenticator.authorization(method: "GET", uri: "/a"))
        let second = try #require(authenticator.authorization(method: "GET", uri: "/b"))
        func cnonce(_ header: String) -> String? {
            header.firstMatch(of: /cnonce="([^"]*)"/).map { String($0.output.1) }
        }
        #expect(cnonce(first) != nil && cnonce(first) == cnonce(second))
        #expect(first.contains("nc=00000001") && second.contains("nc=00000002"))
    }

    @Test func aReplayedNonceCountIsRefused() async throws {
        let (sandbox, deployment) = try await Self.sandbox(algorithms: ["SHA-256"])
        let transport = try NIOHTTPTransport(deployment: deployment)
        let url = deployment.baseURL.description + "/nodes"
        let refused = try await transport.send(TransportRequest(method: .get, url: url))
        let authenticator = Authenticator(credentials: deployment.credentials, mode: .digest)
        #expect(authenticator.retry(after: refused, previousHadDigest: false) == .challenge)
        let header = try #require(authenticator.authorization(method: "GET", uri: "/api/v5/nodes"))
        let request = TransportRequest(method: .get, url: url, headers: [HTTPHeader("Authorization", header)])
        #expect(try await transport.send(request).status == 200)
        let replay = try await transport.send(request)
        #expect(replay.status == 401, "a captured request sent again is refused")
        #expect(DigestChallenge.best(in: replay.headers(named: "WWW-Authenticate"))?.stale == false)
        await transport.shutdown()
        await sandbox.stop()
    }

    @Test func aServerThatCallsEveryNonceStaleIsAnsweredOnce() async throws {
        let transport = AlwaysStale()
        let deployment = try Deployment(
            name: "stale", url: "http://127.0.0.1:1/api/v5", credentials: Credentials(appID: "a", secret: "s"),
            generation: .fixed(.v5), authMode: .digest)
        let client = EMQXClient(deployment: deployment, transport: transport)
        let error = await #expect(throws: EMQXError.self) { try await client.nodes() }
        #expect(error?.code == .unauthorized)
        #expect(transport.requests == 3, "the challenge, its answer, and one answer to the stale nonce")
    }
}

/// Answers every request 401 with a fresh nonce marked stale.
private final class AlwaysStale: HTTPTransport, @unchecked Sendable {
    private(set) var requests = 0
    func send(_ request: TransportRequest) async throws(EMQXError) -> TransportResponse {
        requests += 1
        return TransportResponse(
            status: 401,
            headers: [
                HTTPHeader(
                    "WWW-Authenticate",
                    #"Digest realm="r", qop="auth", algorithm=SHA-256, nonce="n\#(requests)", stale=true"#)
            ])
    }
    func shutdown() async {}
}
