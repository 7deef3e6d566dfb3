/// Who may do what: the authorization rules that apply to a client, and superusers.
extension SandboxState {
    /// The rules that decide for a client, in checking order: the built-in database's while it is enabled, then a
    /// catch-all deny when `no_match` says so.
    func authorizationRules(clientID: String, username: String?) -> [AuthzRule] {
        var rules: [AuthzRule] = []
        if authorizationSources.isEnabled("built_in_database") {
            rules = (clientidRules[clientID] ?? []) + (username.flatMap { usernameRules[$0] } ?? []) + allRules
        }
        if authorizationSettings["no_match"]?.stringValue == "deny" {
            rules.append(AuthzRule(topic: "#", action: "all", permission: "deny"))
        }
        return rules
    }

    func isSuperuser(_ username: String?) -> Bool {
        username.flatMap { usernameUsers[$0]?.isSuperuser } ?? false
    }
}
