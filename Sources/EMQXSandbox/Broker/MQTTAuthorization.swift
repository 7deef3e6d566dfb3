/// EMQX's built-in-database authorization: rules for the client id, then the user name, then everyone; the first match
/// decides.
enum MQTTAuthorization {
    enum Action: String { case publish, subscribe }

    /// Whether `rules` (in checking order) let a client publish to a topic or subscribe to a filter; no match allows,
    /// as EMQX's default `no_match = allow`.
    static func allows(_ action: Action, topic: String, clientID: String, username: String?, rules: [AuthzRule]) -> Bool
    {
        // A shared subscription is authorized on the filter behind it.
        let subject = SandboxSubscription(topic: topic, qos: 0).share?.filter ?? topic
        for rule in rules where rule.action == "all" || rule.action == action.rawValue {
            if matches(rule: rule.topic, subject: subject, clientID: clientID, username: username) {
                return rule.permission == "allow"
            }
        }
        return true
    }

    private static func matches(rule: String, subject: String, clientID: String, username: String?) -> Bool {
        let expanded = rule.replacingOccurrences(of: "${clientid}", with: clientID)
            .replacingOccurrences(of: "${username}", with: username ?? "${username}")
        if expanded.hasPrefix("eq ") { return String(expanded.dropFirst(3)) == subject }
        // A subscribed filter is compared level by level as written, so `t/#` covers `t/+` but `t/a` does not.
        return TopicMatcher.matches(filter: expanded, topic: subject)
    }
}
