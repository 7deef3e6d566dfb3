import EMQXJSON
import EMQXMQTT
import Foundation

/// v5 `POST /publish` and `/publish/bulk`: 200 with an id when someone received it, 202 with reason 16 when no one did.
extension SandboxState {
    func v5Publish(_ call: APICall) -> SandboxResponse {
        guard let body = call.body else { return v5.v5Error(400, "BAD_REQUEST", "missing body") }
        if let problem = v5PublishProblem(body) { return problem }
        let result = v5PublishOne(body)
        return .json(result.json, status: result.reasonCode == nil ? 200 : 202)
    }

    func v5PublishMany(_ call: APICall) -> SandboxResponse {
        guard let list = call.body?.arrayValue, !list.isEmpty else {
            return v5.v5Error(400, "BAD_REQUEST", "expected a non-empty array")
        }
        for item in list {
            if let problem = v5PublishProblem(item) { return problem }
        }
        var results: [JSONValue] = []
        var anyMissed = false
        for item in list {
            let result = v5PublishOne(item)
            anyMissed = anyMissed || result.reasonCode != nil
            results.append(result.json)
        }
        return .json(.array(results), status: anyMissed ? 202 : 200)
    }

    private func v5PublishProblem(_ body: JSONValue) -> SandboxResponse? {
        guard let topic = body["topic"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "topic is required")
        }
        guard body["payload"]?.stringValue != nil else { return v5.v5Error(400, "BAD_REQUEST", "payload is required") }
        guard TopicMatcher.isValidName(topic) else {
            return v5.v5Error(400, "BAD_TOPIC", "Topic name \(topic) is not valid")
        }
        if let qos = body["qos"]?.intValue, !(0...2).contains(qos) {
            return v5.v5Error(400, "BAD_REQUEST", "qos must be 0, 1 or 2")
        }
        let encoding = body["payload_encoding"]?.stringValue ?? "plain"
        guard encoding == "plain" || encoding == "base64" else {
            return v5.v5Error(400, "BAD_REQUEST", "payload_encoding must be plain or base64")
        }
        if encoding == "base64", Data(base64Encoded: body["payload"]?.stringValue ?? "") == nil {
            return v5.v5Error(400, "BAD_REQUEST", "payload is not valid base64")
        }
        return nil
    }

    private func v5PublishOne(_ body: JSONValue) -> (json: JSONValue, reasonCode: Int?) {
        let text = body["payload"]?.stringValue ?? ""
        let payload =
            body["payload_encoding"]?.stringValue == "base64"
            ? Array(Data(base64Encoded: text) ?? Data()) : Array(text.utf8)
        let receivers = route(
            topic: body["topic"]?.stringValue ?? "", payload: payload, qos: Int(body["qos"]?.intValue ?? 0),
            retain: body["retain"]?.boolValue ?? false, properties: mqttProperties(body["properties"]))
        if receivers == 0 { return (["reason_code": 16, "message": "no_matching_subscribers"], 16) }
        return (["id": .string(SandboxAuthenticator.randomHex(16).uppercased())], nil)
    }

    /// The publish API's `properties` object as the MQTT 5 properties subscribers receive.
    private func mqttProperties(_ json: JSONValue?) -> [MQTTProperty] {
        guard let json else { return [] }
        var properties: [MQTTProperty] = []
        if let v = json["payload_format_indicator"]?.intValue {
            properties.append(MQTTProperty(id: MQTTProperty.payloadFormat, value: .byte(UInt8(clamping: v))))
        }
        if let v = json["message_expiry_interval"]?.intValue {
            properties.append(MQTTProperty(id: MQTTProperty.messageExpiry, value: .fourBytes(UInt32(clamping: v))))
        }
        if let v = json["content_type"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.contentType, value: .string(v)))
        }
        if let v = json["response_topic"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.responseTopic, value: .string(v)))
        }
        if let v = json["correlation_data"]?.stringValue {
            properties.append(MQTTProperty(id: MQTTProperty.correlationData, value: .binary(Array(v.utf8))))
        }
        for (key, value) in json["user_properties"]?.objectValue ?? [:] {
            if let text = value.stringValue {
                properties.append(MQTTProperty(id: MQTTProperty.userProperty, value: .pair(key, text)))
            }
        }
        return properties
    }
}
