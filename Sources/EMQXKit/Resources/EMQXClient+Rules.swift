import EMQXJSON

extension EMQXClient {
    /// Rule-engine rules.
    ///
    /// - Parameter pageSize: Rules per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func rules(pageSize: Int = defaultPageSize) -> PagedSequence<Rule> {
        pagedOperation(.listRules, pageSize: pageSize) { json, _ in Rule(json: json) }
    }

    /// One rule.
    ///
    /// - Parameter id: The rule's id.
    /// - Returns: The rule: SQL, actions, whether it is enabled.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func rule(_ id: String) async throws(EMQXError) -> Rule {
        Rule(json: try await perform(.getRule(id)).data)
    }

    /// Creates a rule and returns it as the server stored it.
    ///
    /// - Parameter draft: SQL, name, description, actions, enabled.
    /// - Returns: The rule as stored, with the id the server gave it.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    @discardableResult
    public func createRule(_ draft: RuleDraft) async throws(EMQXError) -> Rule {
        Rule(json: try await perform(.createRule(draft)).data)
    }

    /// Deletes a rule.
    ///
    /// - Parameter id: The rule's id.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func deleteRule(_ id: String) async throws(EMQXError) {
        try await perform(.deleteRule(id))
    }
}
