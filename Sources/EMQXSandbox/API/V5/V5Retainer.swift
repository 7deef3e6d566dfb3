import EMQXJSON
import EMQXMQTT
import Foundation

/// v5 retained messages: list (paged, by topic filter), show one with its payload, delete one or all.
extension SandboxState {
    func v5ListRetained(_ call: APICall) -> SandboxResponse {
        var messages = Array(retained.messages.values)
        if let filter = call.queryValue("topic") {
            messages = messages.filter { TopicMatcher.matches(filter: filter, topic: $0.topic) }
        }
        return listPage(messages.map { retainedJSON($0, withPayload: false) }, call)
    }

    func v5RetainedMessage(_ topic: String) -> SandboxResponse {
        guard let message = retained[topic] else {
            return v5.v5Error(404, "NOT_FOUND", "Viewed message doesn't exist")
        }
        return .json(retainedJSON(message, withPayload: true))
    }

    func v5DeleteRetained(_ topic: String) -> SandboxResponse {
        guard retained.remove(topic) else { return v5.v5Error(404, "NOT_FOUND", "Viewed message doesn't exist") }
        return .noContent
    }

    func v5ClearRetained() -> SandboxResponse {
        retained.removeAll()
        return .noContent
    }

    private func retainedJSON(_ message: MQTTMessage, withPayload: Bool) -> JSONValue {
        var object: JSONObject = [
            "topic": .string(message.topic), "qos": .int(Int64(message.qos)),
            "from_clientid": message.publisher.map { .string($0) } ?? "",
            "from_username": message.publisher.flatMap { clients[$0]?.username }.map { .string($0) } ?? "",
            "publish_at": .string(Timestamps.rfc3339(retained.keptAt[message.topic] ?? Date())),
        ]
        // EMQX sends the payload base64-encoded, and only for one message.
        if withPayload { object["payload"] = .string(Data(message.payload).base64EncodedString()) }
        return .object(object)
    }
}
