import EMQXJSON

/// A message to publish through the API.
public struct PublishMessage: Sendable, Hashable {
    /// The topic (a filter where wildcards are allowed).
    public var topic: String
    /// The payload text; with `.base64` encoding, base64 text.
    public var payload: String
    /// How the payload is written: as text or base64.
    public var encoding: PayloadEncoding
    /// The QoS: 0, 1 or 2.
    public var qos: Int
    /// Whether the message is retained.
    public var retain: Bool
    /// The publisher's client id; v4 requires one (default `emqxsh`), v5 ignores it.
    public var clientID: String?
    /// MQTT 5 properties (v5 only).
    public var properties: MessageProperties?

    /// A message to publish through the API.
    ///
    /// - Parameters:
    ///   - topic: The topic name (no wildcards).
    ///   - payload: The payload as text, or base64 with `encoding: .base64`.
    ///   - encoding: How `payload` is written.
    ///   - qos: 0, 1 or 2.
    ///   - retain: Keep it as the topic's retained message.
    ///   - clientID: v4: the publisher's client id.
    ///   - properties: v5: MQTT 5 properties.
    public init(
        topic: String, payload: String, encoding: PayloadEncoding = .plain, qos: Int = 0, retain: Bool = false,
        clientID: String? = nil, properties: MessageProperties? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.encoding = encoding
        self.qos = qos
        self.retain = retain
        self.clientID = clientID
        self.properties = properties
    }
}

/// How a payload is written in the request.
public enum PayloadEncoding: String, Sendable, Hashable, CaseIterable {
    case plain, base64
}

/// MQTT 5 publish properties.
public struct MessageProperties: Sendable, Hashable {
    /// 1 when the payload is UTF-8 text.
    public var payloadFormatIndicator: Int?
    /// Seconds the message lives while undelivered.
    public var messageExpiryInterval: Int?
    /// Where a request wants its answer.
    public var responseTopic: String?
    /// What ties an answer to its request.
    public var correlationData: String?
    /// The payload's MIME type.
    public var contentType: String?
    /// User properties, name to value.
    public var userProperties: [String: String]

    /// MQTT 5 properties of a message; each one left nil is not sent.
    public init(
        payloadFormatIndicator: Int? = nil, messageExpiryInterval: Int? = nil, responseTopic: String? = nil,
        correlationData: String? = nil, contentType: String? = nil, userProperties: [String: String] = [:]
    ) {
        self.payloadFormatIndicator = payloadFormatIndicator
        self.messageExpiryInterval = messageExpiryInterval
        self.responseTopic = responseTopic
        self.correlationData = correlationData
        self.contentType = contentType
        self.userProperties = userProperties
    }

    var json: JSONValue {
        var object = JSONObject()
        if let payloadFormatIndicator { object["payload_format_indicator"] = .int(Int64(payloadFormatIndicator)) }
        if let messageExpiryInterval { object["message_expiry_interval"] = .int(Int64(messageExpiryInterval)) }
        if let responseTopic { object["response_topic"] = .string(responseTopic) }
        if let correlationData { object["correlation_data"] = .string(correlationData) }
        if let contentType { object["content_type"] = .string(contentType) }
        if !userProperties.isEmpty {
            var users = JSONObject()
            for key in userProperties.keys.sorted() { users[key] = .string(userProperties[key] ?? "") }
            object["user_properties"] = .object(users)
        }
        return .object(object)
    }
}

/// What became of one published message.
public struct PublishResult: Sendable, Hashable {
    /// The message id v5 assigns (and v4 with `return`); nil when none was given.
    public var id: String?
    /// False when the server said nobody was subscribed (v5's 202, reason code 16).
    public var delivered: Bool
    /// The MQTT reason code or v4 result code, when the server gave one.
    public var reasonCode: Int?
    /// What the server said.
    public var message: String?
    /// The topic (a filter where wildcards are allowed).
    public var topic: String?
}
