public import EMQXJSON

extension EMQXClient {
    /// Subscriptions across all clients, paged lazily.
    public func subscriptions(
        _ query: SubscriptionQuery = SubscriptionQuery(), pageSize: Int = defaultPageSize
    )
        -> PagedSequence<Subscription>
    {
        pagedOperation(.listSubscriptions(query), pageSize: pageSize) { json, _ in Subscription(json: json) }
    }

    /// Topics with subscribers (v4 routes, v5 topics), paged lazily.
    public func topics(pageSize: Int = defaultPageSize) -> PagedSequence<TopicRoute> {
        pagedOperation(.listTopics(topic: nil), pageSize: pageSize) { json, _ in TopicRoute(json: json) }
    }

    /// The routes of one topic; empty when nobody subscribes to it.
    public func topic(_ topic: String) async throws(EMQXError) -> [TopicRoute] {
        do {
            let response = try await perform(.getTopic(topic))
            return try response.list().map(TopicRoute.init(json:))
        } catch  where error.apiCode == "TOPIC_NOT_FOUND" {
            return []
        }
    }
}
