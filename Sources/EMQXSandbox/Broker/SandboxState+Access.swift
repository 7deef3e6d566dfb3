import EMQXMQTT

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

    /// Why the global zone's MQTT settings refuse a subscription, if they do: shared or wildcard subscriptions off.
    func zoneRefusal(of filter: String) -> MQTTReasonCode? {
        let share = SandboxSubscription(topic: filter, qos: 0).share
        if share != nil && zoneSetting("shared_subscription") == false {
            return .sharedSubscriptionsNotSupported
        }
        let plain = share?.filter ?? filter
        if zoneSetting("wildcard_subscription") == false && (plain.contains("+") || plain.contains("#")) {
            return .wildcardSubscriptionsNotSupported
        }
        return nil
    }
}
