public import EMQXJSON

extension EMQXClient {
    /// Clients matching `query`, paged lazily.
    ///
    /// - Parameters:
    ///   - query: Filters, each sent as the generation names it.
    ///   - pageSize: Clients per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func clients(_ query: ClientQuery = ClientQuery(), pageSize: Int = defaultPageSize) -> PagedSequence<Client>
    {
        pagedOperation(.listClients(query), pageSize: pageSize) { json, _ in Client(json: json) }
    }

    /// Clients matching `query` as the server wrote them, paged lazily: every field, none read into a ``Client``
    /// (a shell printing a million of them has no use for the typed view).
    ///
    /// - Parameters:
    ///   - query: Filters, each sent as the generation names it.
    ///   - pageSize: Clients per request.
    /// - Returns: A sequence of the raw client objects; iterating throws `EMQXError` as the calls do.
    public func clientRecords(
        _ query: ClientQuery = ClientQuery(), pageSize: Int = defaultPageSize
    )
        -> PagedSequence<JSONValue>
    {
        pagedJSON(pageSize: pageSize) { generation throws(EMQXError) in
            try RequestBuilder.request(for: .listClients(query), generation: generation)
        }
    }

    /// One client, or a `.clientError` with v5's 404 `CLIENTID_NOT_FOUND` (v4's empty list is turned into the same).
    ///
    /// - Parameter clientID: The client id, any characters (percent-encoded in the path).
    /// - Returns: The client's details as the server reports them.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func client(_ clientID: String) async throws(EMQXError) -> Client {
        let response = try await perform(.getClient(clientID))
        let generation = try await generation()
        if generation == .v4 {
            guard let first = response.data.arrayValue?.first else {
                throw EMQXError(
                    .clientError, "client '\(clientID)' not found",
                    apiCode: String(V4ResultCode.clientNotFound.rawValue),
                    method: "GET", path: RequestBuilder.v4Path(.getClient(clientID)))
            }
            return Client(json: first)
        }
        return Client(json: response.data)
    }

    /// Disconnects a client.
    ///
    /// - Parameter clientID: The client to disconnect.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func kick(_ clientID: String) async throws(EMQXError) {
        try await perform(.kickClient(clientID))
    }

    /// Disconnects several clients: one request on v5; on v4, which has no bulk kick, one request per client with
    /// up to 16 in flight at once.
    ///
    /// One client is kicked with its own request, which reports an unknown id (the bulk one does not). On v4 every
    /// client is tried; the first failure (in the list's order) is thrown once all have been.
    ///
    /// - Parameter clientIDs: The clients to disconnect.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func kick(_ clientIDs: [String]) async throws(EMQXError) {
        guard !clientIDs.isEmpty else { return }
        if clientIDs.count == 1 {
            try await kick(clientIDs[0])
            return
        }
        if try await generation() == .v5 {
            try await perform(.kickClients(clientIDs))
            return
        }
        let failures = await withTaskGroup(of: (Int, EMQXError?).self) { group in
            var failures: [(Int, EMQXError)] = []
            for (index, id) in clientIDs.enumerated() {
                if index >= Self.bulkRequestsInFlight, let (done, error) = await group.next(), let error {
                    failures.append((done, error))
                }
                group.addTask {
                    do throws(EMQXError) {
                        try await self.perform(.kickClient(id))
                        return (index, nil)
                    } catch { return (index, error) }
                }
            }
            for await (done, error) in group { if let error { failures.append((done, error)) } }
            return failures
        }
        if let first = failures.min(by: { $0.0 < $1.0 }) { throw first.1 }
    }

    /// Requests a bulk operation keeps in flight where the API has no bulk endpoint.
    public static let bulkRequestsInFlight = 16

    /// A client's subscriptions.
    ///
    /// - Parameter clientID: The client.
    /// - Returns: Its topic filters with QoS and options.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func subscriptions(of clientID: String) async throws(EMQXError) -> [Subscription] {
        let response = try await perform(.clientSubscriptions(clientID))
        return try response.list().map(Subscription.init(json:))
    }

    /// Subscribes a connected client to topics on its behalf.
    ///
    /// - Parameters:
    ///   - clientID: A connected client.
    ///   - requests: Topic filters with QoS and, on v5, subscription options.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func subscribe(_ clientID: String, to requests: [SubscribeRequest]) async throws(EMQXError) {
        guard !requests.isEmpty else { return }
        if requests.count == 1 {
            try await perform(.subscribe(clientID: clientID, requests[0]))
            return
        }
        let response = try await perform(.subscribeBulk(clientID: clientID, requests))
        try Self.checkBatchCodes(response)
    }

    /// Unsubscribes a client from topics.
    ///
    /// - Parameters:
    ///   - clientID: The client.
    ///   - topics: The topic filters to remove.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func unsubscribe(_ clientID: String, from topics: [String]) async throws(EMQXError) {
        guard !topics.isEmpty else { return }
        if topics.count == 1 {
            try await perform(.unsubscribe(clientID: clientID, topic: topics[0]))
            return
        }
        let response = try await perform(.unsubscribeBulk(clientID: clientID, topics: topics))
        try Self.checkBatchCodes(response)
    }

    /// v4 batch endpoints answer code 0 overall and a code per item: the first failing item becomes the error.
    static func checkBatchCodes(_ response: APIResponse) throws(EMQXError) {
        for item in response.data.arrayValue ?? [] {
            if let code = item["code"]?.intValue, code != 0 {
                let meaning = V4ResultCode(rawValue: Int(code))?.meaning ?? "undocumented result code"
                let topic = item["topic"]?.stringValue.map { " for topic '\($0)'" } ?? ""
                throw EMQXError(.clientError, "\(meaning)\(topic)", apiCode: String(code))
            }
        }
    }
}

extension RequestBuilder {
    static func v4Path(_ operation: APIOperation) -> String? { try? v4(operation).target }
}
