public import EMQXJSON

extension EMQXClient {
    /// Users of the built-in authentication database, paged lazily.
    ///
    /// On v4, `type` picks `/auth_username` or `/auth_clientid`; on v5 the built-in
    /// authenticator is keyed by one type, set in its configuration, and `type` is ignored.
    public func users(
        _ type: UserIDType = .username, contains: String? = nil, pageSize: Int = defaultPageSize
    )
        -> PagedSequence<AuthUser>
    {
        pagedOperation(.listUsers(type, contains: contains), pageSize: pageSize) { json, _ in AuthUser(json: json) }
    }

    /// One user; a `.clientError` when it does not exist (v4's `{}` is turned into the same).
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
    public func addUser(
        _ id: String, password: String, type: UserIDType = .username, isSuperuser: Bool = false
    )
        async throws(EMQXError)
    {
        try await perform(.addUser(type, id: id, password: password, isSuperuser: isSuperuser))
    }

    /// Changes a user's password.
    public func changePassword(of id: String, to password: String, type: UserIDType = .username) async throws(EMQXError)
    {
        try await perform(.updateUser(type, id: id, password: password, isSuperuser: nil))
    }

    /// Removes a user.
    public func deleteUser(_ id: String, type: UserIDType = .username) async throws(EMQXError) {
        try await perform(.deleteUser(type, id))
    }
}
