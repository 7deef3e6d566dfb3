import EMQXJSON
import EMQXKit
import EMQXTestSupport
import Foundation
import Testing

/// A server that speaks part of the v4 API: no paging parameters, `client_id`, bare result codes, missing endpoints.
@Suite(.timeLimit(.minutes(1)))
struct PartialV4ServerTests {
    func withPartialServer(_ body: (EMQXClient, FaultServer) async throws -> Void) async throws {
        let server = try FaultServer(.partialV4)
        defer { server.stop() }
        let deployment = try Deployment(
            name: "relay", url: server.v4URL, credentials: Credentials(appID: "key", secret: "relay-secret"))
        let client = try await EMQXClient.connect(to: deployment)
        do { try await body(client, server) } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    @Test func listsRetryOnceWithoutPagingAndRememberIt() async throws {
        try await withPartialServer { client, server in
            let first = try await client.clients().collect()
            #expect(first.map(\.clientID) == ["meter-1", "meter-2"])
            #expect(server.requestLines == ["GET /api/v4/clients?_page=1&_limit=100", "GET /api/v4/clients"])
            let again = try await client.clientRecords().collect()
            #expect(server.requestLines.count == 3 && server.requestLines.last == "GET /api/v4/clients")
            #expect(again.map { $0["clientid"] } == ["meter-1", "meter-2"], "both spellings are read")
            #expect(again.map { $0["client_id"] } == ["meter-1", "meter-2"])
        }
    }

    @Test func aMissingEndpointSaysTheServerDoesNotProvideIt() async throws {
        try await withPartialServer { client, _ in
            let error = await #expect(throws: EMQXError.self) { try await client.raw(.get, "/banned") }
            #expect(error?.httpStatus == 404)
            #expect(error?.apiCode == "102")
            #expect(
                error?.description
                    == "GET /banned: 404 102: this server does not provide this endpoint (unknown error)")
        }
    }

    @Test func resultCodesAreShownWithTheirMeaning() async throws {
        try await withPartialServer { client, _ in
            let duplicate = await #expect(throws: EMQXError.self) { try await client.addUser("meter", password: "x") }
            #expect(duplicate?.v4ResultCode == .userAlreadyExists)
            #expect(duplicate?.message == "user already exists")
            #expect(duplicate?.description.hasSuffix("200 113: user already exists") == true)
            let paging = await #expect(throws: EMQXError.self) { try await client.raw(.get, "/subscriptions?_page=2") }
            #expect(paging?.description == "GET /subscriptions?_page=2: 400 108: request parameter error")
        }
    }
}
