import EMQXJSON

extension EMQXClient {
    /// Subscriptions across all clients, paged lazily.
    ///
    /// - Parameters:
    ///   - query: Filters: client, topic, matching topic, QoS, share group, node.
    ///   - pageSize: Subscriptions per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func subscriptions(
        _ query: SubscriptionQuery = SubscriptionQuery(), pageSize: Int = defaultPageSize
    )
        -> PagedSequence<Subscription>
    {
        pagedOperation(.listSubscriptions(query), pageSize: pageSize) { json, _ in Subscription(json: json) }
    }

    /// Topics with subscribers (v4 routes, v5 topics), paged lazily.
    ///
    /// - Parameter pageSize: Topics per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func topics(pageSize: Int = defaultPageSize) -> PagedSequence<TopicRoute> {
        pagedOperation(.listTopics(topic: nil), pageSize: pageSize) { json, _ in TopicRoute(json: json) }
    }

    /// The routes of one topic; empty when nobody subscribes to it.
    ///
    /// - Parameter topic: A topic filter, such as `sensors/+/temp`.
    /// - Returns: Its routes, one per node.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func topic(_ topic: String) async throws(EMQXError) -> [TopicRoute] {
        do {
            let response = try await perform(.getTopic(topic))
            return try response.list().map(TopicRoute.init(json:))
        } catch  where error.apiCode == "TOPIC_NOT_FOUND" {
            return []
        }
    }
}
