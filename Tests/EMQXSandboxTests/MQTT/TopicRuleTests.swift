import Testing

@testable import EMQXSandbox

/// The broker's topic rules: which filters are valid, and which deny rules stop a publish or a subscription.
@Suite struct TopicRuleTests {
    @Test(arguments: [
        ("t/#", true), ("+/a", true), ("$share/g/t/#", true), ("$share/g", false), ("$share//t", false),
        ("$share/g+/t", false), ("t/#/a", false), ("t#", false), ("a+/b", false), ("", false),
    ])
    func topicFilterValidity(_ filter: String, _ valid: Bool) {
        #expect(TopicMatcher.isValidFilter(filter) == valid)
    }

    @Test(arguments: [
        ("secret/#", "secret/a", MQTTAuthorization.Action.publish, false),
        ("secret/#", "open/a", .publish, true),
        ("secret/#", "$share/g/secret/x", .subscribe, false),
        ("secret/a", "secret/+", .subscribe, true),  // a rule on one topic does not cover a wider filter
        ("eq secret/#", "secret/a", .subscribe, true),
        ("eq secret/#", "secret/#", .subscribe, false),
        ("users/${username}/#", "users/bob/x", .publish, false),
    ])
    func denyRuleMatching(_ ruleTopic: String, _ subject: String, _ action: MQTTAuthorization.Action, _ allowed: Bool) {
        let rules = [AuthzRule(topic: ruleTopic, action: "all", permission: "deny")]
        #expect(
            MQTTAuthorization.allows(action, topic: subject, clientID: "c", username: "bob", rules: rules) == allowed)
    }
}
