public import EMQXJSON

/// A message to publish through the API.
public struct PublishMessage: Sendable, Hashable {
    public var topic: String
    /// The payload text; with `.base64` encoding, base64 text.
    public var payload: String
    public var encoding: PayloadEncoding
    public var qos: Int
    public var retain: Bool
    /// The publisher's client id; v4 requires one (default `emqxsh`), v5 ignores it.
    public var clientID: String?
    public var properties: MessageProperties?

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
    public var payloadFormatIndicator: Int?
    public var messageExpiryInterval: Int?
    public var responseTopic: String?
    public var correlationData: String?
    public var contentType: String?
    public var userProperties: [String: String]

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
    public var message: String?
    public var topic: String?
}
