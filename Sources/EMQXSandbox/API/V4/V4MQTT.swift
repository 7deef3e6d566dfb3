import EMQXJSON
import Foundation

/// v4 `/mqtt/…`: publish, subscribe and unsubscribe on a client's behalf, one or a batch.
extension SandboxState {
    func v4Publish(_ call: APICall) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        let result = v4PublishOne(body)
        return result.code == 0 ? v4.v4Success() : v4.v4Failure(result.code, result.message)
    }

    func v4PublishMany(_ call: APICall) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        guard let list = body.arrayValue else { return v4.v4Failure(108, "bad_params: expected an array") }
        return v4.v4Success(
            .array(
                list.map { item in
                    let result = v4PublishOne(item)
                    return ["topic": item["topic"] ?? .null, "code": .int(Int64(result.code))]
                }))
    }

    func v4Subscribe(_ call: APICall, subscribe: Bool) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        let result = v4SubscribeOne(body, subscribe: subscribe)
        return result.code == 0 ? v4.v4Success() : v4.v4Failure(result.code, result.message)
    }

    /// As 4.4 documents it: one answer for the batch; the first failing item's code, if any.
    func v4SubscribeMany(_ call: APICall, subscribe: Bool) -> SandboxResponse {
        guard let body = call.body else { return v4.v4Failure(107, "missing request body") }
        guard let list = body.arrayValue else { return v4.v4Failure(108, "bad_params: expected an array") }
        let failure = list.map { v4SubscribeOne($0, subscribe: subscribe) }.first { $0.code != 0 }
        return failure.map { v4.v4Failure($0.code, $0.message) } ?? v4.v4Success()
    }

    private func v4Topics(_ body: JSONValue) -> [String] {
        if let topics = body["topics"]?.stringValue { return topics.split(separator: ",").map(String.init) }
        return body["topic"]?.stringValue.map { [$0] } ?? []
    }

    private func v4PublishOne(_ body: JSONValue) -> (code: Int, message: String) {
        guard body["clientid"]?.stringValue != nil else { return (108, "bad_params: clientid is required") }
        guard let payloadText = body["payload"]?.stringValue else { return (108, "bad_params: payload is required") }
        let topics = v4Topics(body)
        guard !topics.isEmpty else { return (108, "bad_params: topic is required") }
        guard topics.allSatisfy(TopicMatcher.isValidName) else { return (115, "bad_topic") }
        let qos = body["qos"]?.intValue ?? 0
        guard (0...2).contains(qos) else { return (108, "bad_params: qos must be 0, 1 or 2") }
        let payload: [UInt8]
        switch body["encoding"]?.stringValue ?? "plain" {
        case "plain": payload = Array(payloadText.utf8)
        case "base64":
            guard let data = Data(base64Encoded: payloadText) else { return (108, "bad_params: payload is not base64") }
            payload = Array(data)
        default: return (108, "bad_params: encoding must be plain or base64")
        }
        for topic in topics {
            _ = route(topic: topic, payload: payload, qos: Int(qos), retain: body["retain"]?.boolValue ?? false)
        }
        return (0, "")
    }

    private func v4SubscribeOne(_ body: JSONValue, subscribe: Bool) -> (code: Int, message: String) {
        guard let id = body["clientid"]?.stringValue else { return (108, "bad_params: clientid is required") }
        let topics = v4Topics(body)
        guard !topics.isEmpty else { return (108, "bad_params: topic is required") }
        guard topics.allSatisfy(TopicMatcher.isValidFilter) else { return (115, "bad_topic") }
        let qos = body["qos"]?.intValue ?? 0
        guard (0...2).contains(qos) else { return (116, "bad_qos") }
        guard clients[id] != nil else { return (112, "not_found") }
        for topic in topics {
            if subscribe {
                let subscription = SandboxSubscription(topic: topic, qos: Int(qos))
                sendRetained(to: id, for: subscription, isNew: addSubscription(subscription, for: id))
            } else {
                clients[id]?.subscriptions.removeAll { $0.topic == topic }
            }
        }
        return (0, "")
    }
}
