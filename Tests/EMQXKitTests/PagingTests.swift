import EMQXKit
import EMQXSandbox
import Testing

@Suite struct PagingTests {
    @Test(arguments: apiStyles)
    func pagesThroughThousandsOfClientsLazily(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { sandbox, client async throws in
            await sandbox.state.seedClients(count: 3_000)
            var seen = 0
            var last = ""
            for try await item in client.clients(pageSize: 250) {
                seen += 1
                #expect(item.clientID > last)
                last = item.clientID
            }
            #expect(seen == 3_000)
            // A fuzzy query has no exact count on either generation; paging must still end.
            var query = ClientQuery()
            query.clientIDContains = "-00"
            #expect(try await client.clients(query, pageSize: 100).collect().count == 999)
            // Taking a prefix fetches only the pages it needs.
            #expect(try await client.clients(pageSize: 10).collect(limit: 15).count == 15)
        }
    }
}
