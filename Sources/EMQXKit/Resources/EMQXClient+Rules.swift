public import EMQXJSON

extension EMQXClient {
    /// Rule-engine rules.
    public func rules(pageSize: Int = defaultPageSize) -> PagedSequence<Rule> {
        pagedOperation(.listRules, pageSize: pageSize) { json, _ in Rule(json: json) }
    }

    /// One rule.
    public func rule(_ id: String) async throws(EMQXError) -> Rule {
        Rule(json: try await perform(.getRule(id)).data)
    }

    /// Creates a rule and returns it as the server stored it.
    @discardableResult
    public func createRule(_ draft: RuleDraft) async throws(EMQXError) -> Rule {
        Rule(json: try await perform(.createRule(draft)).data)
    }

    /// Deletes a rule.
    public func deleteRule(_ id: String) async throws(EMQXError) {
        try await perform(.deleteRule(id))
    }
}
