import EMQXMQTT

/// An application message as an MQTT client publishes or receives it.
public struct MQTTClientMessage: Sendable, Hashable {
    /// The topic it is published to.
    public var topic: String
    /// The payload's bytes.
    public var payload: [UInt8]
    /// The quality of service: 0, 1 or 2.
    public var qos: Int
    /// Whether the broker keeps it for later subscribers.
    public var retain: Bool
    /// MQTT 5 user properties, in order.
    public var userProperties: [MQTTUserProperty]
    /// The MQTT 5 content type, when the publisher set one.
    public var contentType: String?
    /// The MQTT 5 response topic, for request/response.
    public var responseTopic: String?
    /// The MQTT 5 correlation data, for request/response.
    public var correlationData: [UInt8]?
    /// When this client received it (nil for a message it publishes).
    public var receivedAt: ContinuousClock.Instant?

    /// A message to publish.
    ///
    /// - Parameters:
    ///   - topic: The topic.
    ///   - payload: The bytes.
    ///   - qos: 0, 1 or 2.
    ///   - retain: Whether the broker keeps it.
    ///   - userProperties: MQTT 5 user properties (sent on MQTT 5 only).
    ///   - contentType: The MQTT 5 content type.
    ///   - responseTopic: The MQTT 5 response topic.
    ///   - correlationData: The MQTT 5 correlation data.
    public init(
        topic: String, payload: [UInt8], qos: Int = 0, retain: Bool = false, userProperties: [MQTTUserProperty] = [],
        contentType: String? = nil, responseTopic: String? = nil, correlationData: [UInt8]? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.userProperties = userProperties
        self.contentType = contentType
        self.responseTopic = responseTopic
        self.correlationData = correlationData
    }

    /// The codec's message, with the MQTT 5 properties this one carries.
    var wire: MQTTMessage {
        var properties: [MQTTProperty] = []
        if let contentType {
            properties.append(MQTTProperty(id: MQTTProperty.contentType, value: .string(contentType)))
        }
        if let responseTopic {
            properties.append(MQTTProperty(id: MQTTProperty.responseTopic, value: .string(responseTopic)))
        }
        if let correlationData {
            properties.append(MQTTProperty(id: MQTTProperty.correlationData, value: .binary(correlationData)))
        }
        for pair in userProperties {
            properties.append(MQTTProperty(id: MQTTProperty.userProperty, value: .pair(pair.name, pair.value)))
        }
        return MQTTMessage(topic: topic, payload: payload, qos: qos, retain: retain, properties: properties)
    }

    /// A received message, as the codec read it.
    init(received message: MQTTMessage, at instant: ContinuousClock.Instant) {
        self.init(topic: message.topic, payload: message.payload, qos: message.qos, retain: message.retain)
        receivedAt = instant
        for property in message.properties {
            switch (property.id, property.value) {
            case (MQTTProperty.contentType, .string(let text)): contentType = text
            case (MQTTProperty.responseTopic, .string(let text)): responseTopic = text
            case (MQTTProperty.correlationData, .binary(let bytes)): correlationData = bytes
            case (MQTTProperty.userProperty, .pair(let name, let value)):
                userProperties.append(MQTTUserProperty(name: name, value: value))
            default: break
            }
        }
    }
}

/// One MQTT 5 user property: a name and a value, both text; names may repeat.
public struct MQTTUserProperty: Sendable, Hashable {
    /// The name.
    public var name: String
    /// The value.
    public var value: String

    /// - Parameters:
    ///   - name: The name.
    ///   - value: The value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
