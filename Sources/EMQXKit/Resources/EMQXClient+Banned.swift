public import EMQXJSON

extension EMQXClient {
    /// Current bans, paged lazily.
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
    public func unban(_ kind: BanKind, _ who: String) async throws(EMQXError) {
        try await perform(.deleteBan(kind, who))
    }
}
