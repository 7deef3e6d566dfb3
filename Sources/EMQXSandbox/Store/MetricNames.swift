/// The counter and gauge names each generation reports, in EMQX's order: the sandbox keeps them all and answers with
/// its generation's set.
enum MetricNames {
    /// EMQX 4.4's `GET /metrics` keys.
    static let v4Metrics: [String] = [
        "bytes.received", "bytes.sent", "client.auth.anonymous", "client.authenticate", "client.check_acl",
        "client.connack",
        "client.connect", "client.connected", "client.disconnected", "client.subscribe", "client.unsubscribe",
        "delivery.dropped",
        "delivery.dropped.expired", "delivery.dropped.no_local", "delivery.dropped.qos0_msg",
        "delivery.dropped.queue_full",
        "delivery.dropped.too_large", "messages.acked", "messages.delayed", "messages.delivered", "messages.dropped",
        "messages.dropped.expired", "messages.dropped.no_subscribers", "messages.forward", "messages.publish",
        "messages.qos0.received", "messages.qos0.sent", "messages.qos1.received", "messages.qos1.sent",
        "messages.qos2.received",
        "messages.qos2.sent", "messages.received", "messages.retained", "messages.sent", "packets.auth.received",
        "packets.auth.sent", "packets.connack.auth_error", "packets.connack.error", "packets.connack.sent",
        "packets.connect.received", "packets.disconnect.received", "packets.disconnect.sent",
        "packets.pingreq.received",
        "packets.pingresp.sent", "packets.puback.inuse", "packets.puback.missed", "packets.puback.received",
        "packets.puback.sent", "packets.pubcomp.inuse", "packets.pubcomp.missed", "packets.pubcomp.received",
        "packets.pubcomp.sent", "packets.publish.auth_error", "packets.publish.dropped", "packets.publish.error",
        "packets.publish.inuse", "packets.publish.received", "packets.publish.sent", "packets.pubrec.inuse",
        "packets.pubrec.missed", "packets.pubrec.received", "packets.pubrec.sent", "packets.pubrel.missed",
        "packets.pubrel.received", "packets.pubrel.sent", "packets.received", "packets.sent", "packets.suback.sent",
        "packets.subscribe.auth_error", "packets.subscribe.error", "packets.subscribe.received",
        "packets.unsuback.sent",
        "packets.unsubscribe.error", "packets.unsubscribe.received", "session.created", "session.discarded",
        "session.resumed",
        "session.takeovered", "session.terminated",
    ]

    /// EMQX 5's `GET /metrics` keys.
    static let v5Metrics: [String] = [
        "bytes.received", "bytes.sent", "packets.received", "packets.sent", "packets.connect.received",
        "packets.connack.sent",
        "packets.connack.error", "packets.connack.auth_error", "packets.publish.received", "packets.publish.sent",
        "packets.publish.inuse", "packets.publish.error", "packets.publish.auth_error", "packets.publish.dropped",
        "packets.puback.received", "packets.puback.sent", "packets.puback.inuse", "packets.puback.missed",
        "packets.pubrec.received", "packets.pubrec.sent", "packets.pubrec.inuse", "packets.pubrec.missed",
        "packets.pubrel.received", "packets.pubrel.sent", "packets.pubrel.missed", "packets.pubcomp.received",
        "packets.pubcomp.sent", "packets.pubcomp.inuse", "packets.pubcomp.missed", "packets.subscribe.received",
        "packets.subscribe.error", "packets.subscribe.auth_error", "packets.suback.sent",
        "packets.unsubscribe.received",
        "packets.unsubscribe.error", "packets.unsuback.sent", "packets.pingreq.received", "packets.pingresp.sent",
        "packets.disconnect.received", "packets.disconnect.sent", "packets.auth.received", "packets.auth.sent",
        "messages.received", "messages.sent", "messages.qos0.received", "messages.qos0.sent", "messages.qos1.received",
        "messages.qos1.sent", "messages.qos2.received", "messages.qos2.sent", "messages.publish", "messages.dropped",
        "messages.validation_failed", "messages.validation_succeeded", "messages.transformation_failed",
        "messages.transformation_succeeded", "messages.dropped.await_pubrel_timeout", "messages.dropped.no_subscribers",
        "messages.forward", "messages.delayed", "messages.delivered", "messages.acked", "messages.persisted",
        "delivery.dropped",
        "delivery.dropped.no_local", "delivery.dropped.too_large", "delivery.dropped.qos0_msg",
        "delivery.dropped.queue_full",
        "delivery.dropped.expired", "client.connect", "client.connack", "client.connected", "client.authenticate",
        "client.auth.anonymous", "client.authorize", "client.subscribe", "client.unsubscribe", "client.disconnected",
        "session.created", "session.resumed", "session.takenover", "session.discarded", "session.terminated",
        "authorization.allow", "authorization.deny", "authorization.cache_hit", "authorization.cache_miss",
        "authentication.success", "authentication.success.anonymous", "authentication.failure",
        "overload_protection.delay.ok",
        "overload_protection.delay.timeout", "overload_protection.hibernation", "overload_protection.gc",
        "overload_protection.new_conn",
    ]

    /// EMQX 4.4's `GET /stats` keys.
    static let v4Stats: [String] = [
        "channels.count", "channels.max", "connections.count", "connections.max", "resources.count", "resources.max",
        "retained.count", "retained.max", "routes.count", "routes.max", "sessions.count", "sessions.max",
        "suboptions.count",
        "suboptions.max", "subscribers.count", "subscribers.max", "subscriptions.count", "subscriptions.max",
        "subscriptions.shared.count", "subscriptions.shared.max", "topics.count", "topics.max",
    ]

    /// EMQX 5's `GET /stats` keys.
    static let v5Stats: [String] = [
        "durable_subscriptions.count", "channels.count", "channels.max", "connections.count", "connections.max",
        "delayed.count",
        "delayed.max", "live_connections.count", "live_connections.max", "cluster_sessions.count",
        "cluster_sessions.max",
        "retained.count", "retained.max", "sessions.count", "sessions.max", "suboptions.count", "suboptions.max",
        "subscribers.count", "subscribers.max", "subscriptions.count", "subscriptions.max",
        "subscriptions.shared.count",
        "subscriptions.shared.max", "topics.count", "topics.max",
    ]
}
