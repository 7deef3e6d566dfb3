import EMQXJSON
import Foundation

/// v5 delayed messages: the settings, the messages held (paged), one with its payload, and deleting one or a topic's.
extension SandboxState {
    func v5DelayedSettings() -> SandboxResponse {
        .json(["enable": .bool(delayed.enable), "max_delayed_messages": .int(Int64(delayed.maximum))])
    }

    func v5UpdateDelayedSettings(_ call: APICall) -> SandboxResponse {
        if let enable = call.body?["enable"] {
            guard let value = enable.boolValue else {
                return v5.v5Error(400, "BAD_REQUEST", "enable must be a boolean")
            }
            delayed.enable = value
        }
        if let maximum = call.body?["max_delayed_messages"] {
            guard let value = maximum.intValue, value >= 0 else {
                return v5.v5Error(400, "BAD_REQUEST", "max_delayed_messages must be a whole number from 0")
            }
            delayed.maximum = Int(value)
        }
        return v5DelayedSettings()
    }

    /// Paged, with a `meta` of page, limit and count (no `hasnext`, as the delayed module answers).
    func v5ListDelayed(_ call: APICall) -> SandboxResponse {
        let rows = delayed.entries.values.map { delayedJSON($0, withPayload: false) }
        guard case .success(let pager) = Pager.read(call.request, .v5) else {
            return v5.v5Error(400, "BAD_REQUEST", "page and limit must be whole numbers from 1")
        }
        let meta: JSONValue = [
            "page": .int(Int64(pager.page)), "limit": .int(Int64(pager.limit)), "count": .int(Int64(rows.count)),
        ]
        return .json(["data": .array(Array(pager.slice(rows))), "meta": meta])
    }

    func v5DelayedMessage(node: String, _ id: String) -> SandboxResponse {
        guard node == nodeName else { return v5.v5Error(400, "INVALID_NODE", "no node \(node)") }
        guard let entry = delayed.entries[id] else { return delayedNotFound(id) }
        return .json(delayedJSON(entry, withPayload: true))
    }

    func v5DeleteDelayed(node: String, _ id: String) -> SandboxResponse {
        guard node == nodeName else { return v5.v5Error(400, "INVALID_NODE", "no node \(node)") }
        guard delayed.remove(id) != nil else { return delayedNotFound(id) }
        return .noContent
    }

    func v5DeleteDelayedTopic(_ topic: String) -> SandboxResponse {
        guard delayed.removeAll(topic: topic) > 0 else { return delayedNotFound(topic) }
        return .noContent
    }

    private func delayedNotFound(_ id: String) -> SandboxResponse {
        v5.v5Error(404, "MESSAGE_ID_NOT_FOUND", "no delayed message \(id)")
    }

    private func delayedJSON(_ entry: DelayedMessages.Entry, withPayload: Bool) -> JSONValue {
        let message = entry.message
        var object: JSONObject = [
            "msgid": .string(entry.id), "node": .string(nodeName), "topic": .string(message.topic),
            "qos": .int(Int64(message.qos)), "publish_at": .string(Timestamps.rfc3339(entry.publishedAt)),
            "expected_at": .string(Timestamps.rfc3339(entry.dueAt)), "delayed_interval": .int(Int64(entry.interval)),
            "delayed_remaining": .int(Int64(max(0, entry.dueAt.timeIntervalSinceNow.rounded(.up)))),
            "from_clientid": .string(message.publisher ?? ""),
            "from_username": .string(message.publisher.flatMap { clients[$0]?.username } ?? ""),
        ]
        // EMQX shows the payload, base64-encoded, for one message only.
        if withPayload { object["payload"] = .string(Data(message.payload).base64EncodedString()) }
        return .object(object)
    }
}
