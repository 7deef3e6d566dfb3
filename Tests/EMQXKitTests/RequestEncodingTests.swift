import Testing

@testable import EMQXKit

@Suite struct RequestEncodingTests {
    @Test(arguments: [
        ("sensor/1", "/clients/sensor%2F1"),
        ("a+b#c%d", "/clients/a%2Bb%23c%25d"),
        ("with space", "/clients/with%20space"),
        ("датчик-é", "/clients/%D0%B4%D0%B0%D1%82%D1%87%D0%B8%D0%BA-%C3%A9"),
        ("plain-id_1.2~", "/clients/plain-id_1.2~"),
    ])
    func encodesAClientIDAsOnePathSegment(_ id: String, _ path: String) {
        #expect(APIRequest(.get, "/clients/{clientid}", [id]).path == path)
    }

    @Test func encodesQueryValuesAndKeepsRepeatedNames() {
        let request = APIRequest(
            .get, "/clients",
            query: [QueryItem("clientid", "a b"), QueryItem("clientid", "x/+#"), QueryItem("like_username", "é")])
        #expect(request.target == "/clients?clientid=a%20b&clientid=x%2F%2B%23&like_username=%C3%A9")
    }

    @Test func encodesTheBuiltInAuthenticatorID() throws {
        let request = try RequestBuilder.request(for: .getUser(.username, "u/1"), generation: .v5)
        #expect(request.path == "/authentication/password_based%3Abuilt_in_database/users/u%2F1")
    }

    @Test func rawPathsKeepWhatTheUserWroteAndSplitTheQuery() {
        let request = APIRequest.raw(.get, path: "clients?_page=2&like_clientid=a%20b")
        #expect(request.path == "/clients")
        #expect(request.query == [QueryItem("_page", "2"), QueryItem("like_clientid", "a b")])
    }

    @Test(arguments: [
        ("https://h.example:8443/api/v5", "https://h.example:8443", "/api/v5", APIGeneration.v5 as APIGeneration?),
        ("http://10.0.0.1:8081/api/v4/", "http://10.0.0.1:8081", "/api/v4", .v4),
        ("https://x.emqx.cloud:8443/api", "https://x.emqx.cloud:8443", "/api", nil),
        ("https://[::1]:18083/api/v5", "https://[::1]:18083", "/api/v5", .v5),
        ("https://host/api/v5", "https://host:443", "/api/v5", .v5),
    ])
    func parsesBaseURLs(_ text: String, _ origin: String, _ base: String, _ generation: APIGeneration?) throws {
        let url = try APIBaseURL(text)
        #expect(url.origin == origin)
        #expect(url.basePath == base)
        #expect(url.generationFromShape == generation)
    }

    @Test(arguments: ["ftp://h/api", "h:8443/api", "https://user:pw@h/api", "https://h:99999/api", "https:///api"])
    func refusesBadBaseURLs(_ text: String) {
        expectError(.invalidArgument) { _ = try APIBaseURL(text) }
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = Credentials(appID: "key", secret: "s3cr3t-value")
        for text in [
            credentials.description, credentials.debugDescription, String(describing: credentials), "\(credentials)",
        ] {
            #expect(!text.contains("s3cr3t"))
        }
    }

    @Test func v4LacksBulkKickAndSaysSo() {
        #expect {
            _ = try RequestBuilder.request(for: .kickClients(["a"]), generation: .v4)
        } throws: { error in
            (error as? EMQXError).map { $0.code == .unsupported && $0.message.contains("not available on API v4") }
                ?? false
        }
    }
}
