import EMQXJSON

extension EMQXClient {
    /// Publishes one message.
    ///
    /// v5 answers 202 with reason code 16 when nobody is subscribed; that is a result
    /// (`delivered == false`), not an error.
    ///
    /// - Parameter message: Topic, payload and its encoding, QoS, retain, MQTT 5 properties.
    /// - Returns: Whether a subscriber received it, with the message id or the reason code.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    @discardableResult
    public func publish(_ message: PublishMessage) async throws(EMQXError) -> PublishResult {
        let response = try await perform(.publish(message))
        return Self.publishResult(response.data, status: response.status, topic: message.topic)
    }

    /// Publishes several messages in one request; one result per message, in order.
    ///
    /// - Parameter messages: The messages, sent in one request.
    /// - Returns: One result per message, in order.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    @discardableResult
    public func publish(_ messages: [PublishMessage]) async throws(EMQXError) -> [PublishResult] {
        guard !messages.isEmpty else { return [] }
        let response = try await perform(.publishBulk(messages))
        let items = try response.list()
        return messages.indices.map { index in
            let item = index < items.count ? items[index] : .null
            return Self.publishResult(item, status: response.status, topic: messages[index].topic)
        }
    }

    static func publishResult(_ json: JSONValue, status: Int, topic: String) -> PublishResult {
        let reason = json["reason_code"]?.intValue.map(Int.init)
        let code = json["code"]?.intValue.map(Int.init)
        let delivered = reason == nil && (code == nil || code == 0)
        return PublishResult(
            id: json["id"]?.stringValue ?? json["msgid"]?.stringValue, delivered: delivered,
            reasonCode: reason ?? (code == 0 ? nil : code), message: json["message"]?.stringValue,
            topic: json["topic"]?.stringValue ?? topic)
    }
}
