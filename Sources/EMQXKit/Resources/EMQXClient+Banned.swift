import EMQXJSON

extension EMQXClient {
    /// Current bans, paged lazily.
    ///
    /// - Parameter pageSize: Bans per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func banned(pageSize: Int = defaultPageSize) -> PagedSequence<Ban> {
        let raw = pagedOperation(.listBanned, pageSize: pageSize) { json, _ in Ban(json: json) }
        return PagedSequence { (page: Int) async throws(EMQXError) -> Page<Ban> in
            let result = try await raw.fetch(page)
            return Page(
                items: result.items.compactMap { $0 }, hasNext: result.hasNext, total: result.total,
                fingerprint: result.fingerprint)
        }
    }

    /// Bans a client id, user name or address.
    ///
    /// - Parameter ban: Who (client id, user name or address), why, and until when.
    /// - Returns: The ban as the server stored it, what it left out filled from `ban`.
    /// - Throws: `EMQXError`: `.unsupported` for a kind 4.4 lacks (the regex and network kinds), or the API's refusal
    ///     (`.clientError` with its code, `.serverError`), or `.network`, `.tls`, `.timeout`, `.invalidResponse`.
    @discardableResult
    public func ban(_ ban: Ban) async throws(EMQXError) -> Ban {
        let response = try await perform(.addBan(ban))
        // The 5.8 spec wraps the ban in {data: [ban]}; older builds return the object; 4.4 only {who, as}.
        let json = response.body["data"]?.arrayValue?.first ?? response.data
        guard var object = json.objectValue, Ban(json: json) != nil else { return ban }
        // What the answer leaves out is what was asked for.
        if object["reason"] == nil, let reason = ban.reason { object["reason"] = .string(reason) }
        if object["by"] == nil, let by = ban.by { object["by"] = .string(by) }
        if object["until"] == nil, let until = ban.until { object["until"] = .int(until) }
        return Ban(json: .object(object)) ?? ban
    }

    /// Lifts a ban.
    ///
    /// - Parameters:
    ///   - kind: What `who` names.
    ///   - who: The banned client id, user name or address.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func unban(_ kind: BanKind, _ who: String) async throws(EMQXError) {
        try await perform(.deleteBan(kind, who))
    }
}
