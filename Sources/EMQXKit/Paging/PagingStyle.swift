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
            let request = try build(generation)
            if generation == .v4, refusesPaging.withLock({ $0 }) { return try await wholeList(request, page: page) }
            var paged = request
            paged.query += PagingStyle.query(page: page, limit: pageSize, generation: generation)
            do throws(EMQXError) {
                let response = try await send(paged)
                return try Page.from(response, page: page, limit: pageSize, generation: generation)
            } catch  where generation == .v4 && page == 1 && error.httpStatus == 400 && error.apiCode == "108" {
                // A partial v4 server that takes no `_page`/`_limit`: ask once more without them, and from now on.
                refusesPaging.withLock { $0 = true }
                return try await wholeList(request, page: page)
            }
        }
    }

    /// A list asked for without paging parameters: all of it on page 1, nothing after.
    private func wholeList(_ request: APIRequest, page: Int) async throws(EMQXError) -> Page<EMQXJSON.JSONValue> {
        guard page == 1 else { return Page(items: [], hasNext: false, total: nil, fingerprint: 0) }
        let response = try await send(request)
        var whole = try Page.from(response, page: 1, limit: .max, generation: .v4)
        whole.hasNext = false
        return whole
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
