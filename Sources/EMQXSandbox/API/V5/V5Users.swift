import EMQXJSON
import Foundation

/// v5 users of the built-in database authenticator (`password_based:built_in_database`).
extension SandboxState {
    static let builtInAuthenticator = "password_based:built_in_database"

    /// The authenticator a path names, when it is the one the sandbox has.
    private func authenticatorProblem(_ call: APICall) -> SandboxResponse? {
        call["authenticator"] == Self.builtInAuthenticator
            ? nil : v5.v5Error(404, "NOT_FOUND", "Authenticator not found")
    }

    private var userNotFound: SandboxResponse { v5.v5Error(404, "NOT_FOUND", "User not found") }

    private func userJSON(_ id: String) -> JSONValue {
        ["user_id": .string(id), "is_superuser": .bool(usernameUsers[id]?.isSuperuser ?? false)]
    }

    func v5ListUsers(_ call: APICall) -> SandboxResponse {
        if let problem = authenticatorProblem(call) { return problem }
        var ids = Array(usernameUsers.keys)
        if let like = call.queryValue("like_user_id") { ids = ids.filter { $0.contains(like) } }
        if let flag = call.queryValue("is_superuser").flatMap(Bool.init) {
            ids = ids.filter { usernameUsers[$0]?.isSuperuser == flag }
        }
        return listPage(ids.map(userJSON), call, countKnown: call.queryValue("like_user_id") == nil)
    }

    func v5AddUser(_ call: APICall) -> SandboxResponse {
        if let problem = authenticatorProblem(call) { return problem }
        guard let id = call.body?["user_id"]?.stringValue, !id.isEmpty,
            let password = call.body?["password"]?.stringValue
        else {
            return v5.v5Error(400, "BAD_REQUEST", "user_id and password are required")
        }
        guard usernameUsers[id] == nil else { return v5.v5Error(409, "ALREADY_EXISTS", "User already exists") }
        let superuser = call.body?["is_superuser"]?.boolValue ?? false
        usernameUsers[id] = UserRecord(password: password, isSuperuser: superuser, createdAt: Date())
        return .json(userJSON(id), status: 201)
    }

    func v5User(_ call: APICall) -> SandboxResponse {
        if let problem = authenticatorProblem(call) { return problem }
        guard usernameUsers[call["user"]] != nil else { return userNotFound }
        return .json(userJSON(call["user"]))
    }

    func v5UpdateUser(_ call: APICall) -> SandboxResponse {
        if let problem = authenticatorProblem(call) { return problem }
        let id = call["user"]
        guard usernameUsers[id] != nil else { return userNotFound }
        guard let password = call.body?["password"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "password is required")
        }
        usernameUsers[id]?.password = password
        if let flag = call.body?["is_superuser"]?.boolValue { usernameUsers[id]?.isSuperuser = flag }
        return .json(userJSON(id))
    }

    func v5DeleteUser(_ call: APICall) -> SandboxResponse {
        if let problem = authenticatorProblem(call) { return problem }
        guard usernameUsers.removeValue(forKey: call["user"]) != nil else { return userNotFound }
        return .noContent
    }
}
