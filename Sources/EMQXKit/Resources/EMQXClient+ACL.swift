import EMQXJSON

extension EMQXClient {
    /// Authorization rules of one table (user names, client ids, or everyone), paged lazily.
    ///
    /// v4 lists one record per rule; v5 lists one entry per principal holding its rule
    /// list, which is flattened here so both read the same.
    ///
    /// - Parameters:
    ///   - scope: The table: `.username`, `.clientid`, or `.all` (rules for everyone).
    ///   - contains: Only principals whose name contains this.
    ///   - pageSize: Records per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func aclRules(
        _ scope: ACLScope, contains: String? = nil, pageSize: Int = defaultPageSize
    )
        -> PagedSequence<ACLRule>
    {
        if scope == .all {
            return PagedSequence { [self] (_: Int) async throws(EMQXError) -> Page<ACLRule> in
                Page(items: try await aclRules(for: .all), hasNext: false, total: nil)
            }
        }
        let entries = pagedOperation(.listACL(scope, contains: contains), pageSize: pageSize) { json, generation in
            generation == .v4 ? ACLRule.fromV4(json).map { [$0] } ?? [] : ACLRule.fromV5(json)
        }
        return PagedSequence { (page: Int) async throws(EMQXError) -> Page<ACLRule> in
            let result = try await entries.fetch(page)
            return Page(
                items: result.items.flatMap { $0 }, hasNext: result.hasNext, total: nil, fingerprint: result.fingerprint
            )
        }
    }

    /// The rules of one principal; empty when it has none.
    ///
    /// - Parameter principal: A user name, a client id, or everyone.
    /// - Returns: Its rules in checking order.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func aclRules(for principal: ACLPrincipal) async throws(EMQXError) -> [ACLRule] {
        let response: APIResponse
        do {
            response = try await perform(.getACL(principal))
        } catch  where error.httpStatus == 404 {
            return []
        }
        if try await generation() == .v4 {
            return try response.list().compactMap(ACLRule.fromV4)
        }
        return ACLRule.fromV5(response.data)
    }

    /// Adds a rule; on v5 it is appended to the principal's list (created if needed).
    ///
    /// - Parameter rule: Principal, topic filter, action and permission.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func addACLRule(_ rule: ACLRule) async throws(EMQXError) {
        if try await generation() == .v4 {
            try await perform(.addACLRecord(rule))
            return
        }
        let existing = try await aclRules(for: rule.principal)
        if existing.isEmpty && rule.principal != .all {
            try await perform(.createACLList(rule.principal, [rule]))
        } else {
            try await perform(.replaceACLList(rule.principal, existing + [rule]))
        }
    }

    /// Removes a principal's rules for a topic; a `.clientError` when it has none for it.
    ///
    /// - Parameters:
    ///   - principal: Whose rule.
    ///   - topic: The rule's topic filter.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func deleteACLRule(_ principal: ACLPrincipal, topic: String) async throws(EMQXError) {
        if try await generation() == .v4 {
            try await perform(.deleteACLRecord(principal, topic: topic))
            return
        }
        let existing = try await aclRules(for: principal)
        let kept = existing.filter { $0.topic != topic }
        guard kept.count < existing.count else {
            throw EMQXError(
                .clientError, "no rule for topic '\(topic)' in that rule list", httpStatus: 404, apiCode: "NOT_FOUND")
        }
        if kept.isEmpty && principal != .all {
            try await perform(.deleteACLList(principal))
        } else {
            try await perform(.replaceACLList(principal, kept))
        }
    }
}
