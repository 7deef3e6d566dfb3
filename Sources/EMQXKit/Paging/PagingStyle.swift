import EMQXJSON

/// The query parameter names each generation pages with.
enum PagingStyle {
    static func query(page: Int, limit: Int, generation: APIGeneration) -> [QueryItem] {
        switch generation {
        case .v4: return [QueryItem("_page", String(page)), QueryItem("_limit", String(limit))]
        case .v5: return [QueryItem("page", String(page)), QueryItem("limit", String(limit))]
        }
    }
}

extension EMQXClient {
    /// Default page size: small enough to show the first rows quickly, large enough to page few times.
    public static let defaultPageSize = 100

    /// A lazily paged list of raw items for a request built per page.
    func pagedJSON(
        pageSize: Int, build: @escaping @Sendable (_ generation: APIGeneration) throws(EMQXError) -> APIRequest
    ) -> PagedSequence<EMQXJSON.JSONValue> {
        PagedSequence { [self] (page: Int) async throws(EMQXError) -> Page<EMQXJSON.JSONValue> in
            let generation = try await generation()
            var request = try build(generation)
            request.query += PagingStyle.query(page: page, limit: pageSize, generation: generation)
            let response = try await send(request)
            return try Page.from(response, page: page, limit: pageSize)
        }
    }

    /// A lazily paged list whose raw items are turned into typed values.
    func paged<T: Sendable>(
        pageSize: Int, build: @escaping @Sendable (_ generation: APIGeneration) throws(EMQXError) -> APIRequest,
        transform: @escaping @Sendable (EMQXJSON.JSONValue, APIGeneration) -> T
    ) -> PagedSequence<T> {
        let raw = pagedJSON(pageSize: pageSize, build: build)
        return PagedSequence { [self] (page: Int) async throws(EMQXError) -> Page<T> in
            let result = try await raw.fetch(page)
            let generation = try await generation()
            return Page(
                items: result.items.map { transform($0, generation) }, hasNext: result.hasNext, total: result.total,
                fingerprint: result.fingerprint)
        }
    }
}
