import EMQXJSON

extension EMQXClient {
    /// Users of the built-in authentication database, paged lazily.
    ///
    /// On v4, `type` picks `/auth_username` or `/auth_clientid`; on v5 the built-in
    /// authenticator is keyed by one type, set in its configuration, and `type` is ignored.
    ///
    /// - Parameters:
    ///   - type: The v4 table: user names or client ids.
    ///   - contains: Only users whose id contains this.
    ///   - pageSize: Users per request.
    /// - Returns: A sequence that fetches a page when iteration needs one; iterating throws `EMQXError` as the calls
    ///     do.
    public func users(
        _ type: UserIDType = .username, contains: String? = nil, pageSize: Int = defaultPageSize
    )
        -> PagedSequence<AuthUser>
    {
        pagedOperation(.listUsers(type, contains: contains), pageSize: pageSize) { json, _ in AuthUser(json: json) }
    }

    /// One user; a `.clientError` when it does not exist (v4's `{}` is turned into the same).
    ///
    /// - Parameters:
    ///   - id: The user name or client id.
    ///   - type: The v4 table.
    /// - Returns: The user (never its password).
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func user(_ id: String, type: UserIDType = .username) async throws(EMQXError) -> AuthUser {
        let response = try await perform(.getUser(type, id))
        if try await generation() == .v4, response.data.objectValue?.isEmpty ?? true {
            throw EMQXError(
                .clientError, "user '\(id)' not found", apiCode: String(V4ResultCode.userDoesNotExist.rawValue),
                method: "GET", path: RequestBuilder.v4Path(.getUser(type, id)))
        }
        var user = AuthUser(json: response.data)
        if user.userID.isEmpty { user.userID = id }
        return user
    }

    /// Adds a user with a password.
    ///
    /// - Parameters:
    ///   - id: The user name or client id.
    ///   - password: The password; it is sent in the body, never in a path or a log.
    ///   - type: The v4 table.
    ///   - isSuperuser: v5: the user may publish and subscribe anywhere.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func addUser(
        _ id: String, password: String, type: UserIDType = .username, isSuperuser: Bool = false
    )
        async throws(EMQXError)
    {
        try await perform(.addUser(type, id: id, password: password, isSuperuser: isSuperuser))
    }

    /// Changes a user's password.
    ///
    /// - Parameters:
    ///   - id: The user.
    ///   - password: The new password.
    ///   - type: The v4 table.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func changePassword(of id: String, to password: String, type: UserIDType = .username) async throws(EMQXError)
    {
        try await perform(.updateUser(type, id: id, password: password, isSuperuser: nil))
    }

    /// Removes a user.
    ///
    /// - Parameters:
    ///   - id: The user.
    ///   - type: The v4 table.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func deleteUser(_ id: String, type: UserIDType = .username) async throws(EMQXError) {
        try await perform(.deleteUser(type, id))
    }
}
