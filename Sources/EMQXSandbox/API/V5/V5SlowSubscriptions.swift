import EMQXJSON
import EMQXMQTT
import Foundation

/// v5 slow subscriptions: the settings, the slowest subscriptions (measured from a message's arrival to its
/// receiver's PUBACK or PUBREC), and clearing them.
extension SandboxState {
    /// A QoS 1 or 2 message reached its receiver: how long it took counts for slow subscriptions.
    func noteDeliveryTime(_ message: MQTTMessage, to clientID: String) {
        guard slowSubscriptions.enable, let receivedAt = message.receivedAt else { return }
        slowSubscriptions.note(clientID: clientID, topic: message.topic, took: ContinuousClock.now - receivedAt)
    }

    func v5SlowSubscriptionSettings() -> SandboxResponse {
        let settings = slowSubscriptions
        return .json([
            "enable": .bool(settings.enable), "threshold": .string(Self.text(settings.threshold)),
            "expire_interval": .string(Self.text(settings.expireInterval)), "top_k_num": .int(Int64(settings.topK)),
            "stats_type": .string(settings.statsType),
        ])
    }

    func v5UpdateSlowSubscriptionSettings(_ call: APICall) -> SandboxResponse {
        var settings = slowSubscriptions
        let body = call.body
        if let value = body?["enable"] {
            guard let enable = value.boolValue else {
                return v5.v5Error(400, "BAD_REQUEST", "enable must be a boolean")
            }
            settings.enable = enable
        }
        for (key, minimum) in [("threshold", Duration.milliseconds(100)), ("expire_interval", .seconds(1))] {
            guard let value = body?[key] else { continue }
            guard let text = value.stringValue, let duration = SlowSubscriptions.duration(text), duration >= minimum
            else {
                return v5.v5Error(400, "BAD_REQUEST", "\(key) must be a duration of at least \(Self.text(minimum))")
            }
            if key == "threshold" { settings.threshold = duration } else { settings.expireInterval = duration }
        }
        if let value = body?["top_k_num"] {
            guard let number = value.intValue, (1...1000).contains(number) else {
                return v5.v5Error(400, "BAD_REQUEST", "top_k_num must be from 1 to 1000")
            }
            settings.topK = Int(number)
        }
        if let value = body?["stats_type"] {
            guard let type = value.stringValue, ["whole", "internal", "response"].contains(type) else {
                return v5.v5Error(400, "BAD_REQUEST", "stats_type must be whole, internal or response")
            }
            settings.statsType = type
        }
        slowSubscriptions = settings
        return v5SlowSubscriptionSettings()
    }

    /// The slowest first, as `{data: [...]}` (EMQX's answer has no `meta`).
    func v5ListSlowSubscriptions(_ call: APICall) -> SandboxResponse {
        let rows = slowSubscriptions.current().map { record -> JSONValue in
            [
                "clientid": .string(record.clientID), "node": .string(nodeName), "topic": .string(record.topic),
                "timespan": .int(Int64(record.timespan)),
                "last_update_time": .int(Int64(record.updatedAt.timeIntervalSince1970 * 1000)),
            ]
        }
        switch Pager.read(call.request, .v5) {
        case .success(let pager): return .json(["data": .array(Array(pager.slice(rows)))])
        case .failure(let e): return v5.v5Error(400, "BAD_REQUEST", "\(e.name) must be a whole number from 1")
        }
    }

    func v5ClearSlowSubscriptions() -> SandboxResponse {
        slowSubscriptions.clear()
        return .noContent
    }

    private static func text(_ duration: Duration) -> String {
        let milliseconds = duration.milliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
