/// The MQTT protocol levels the codec speaks.
package enum MQTTVersion: UInt8, Sendable {
    /// MQTT 3.1 (`MQIsdp`), accepted as 3.1.1.
    case v3 = 3
    /// MQTT 3.1.1.
    case v311 = 4
    /// MQTT 5.0.
    case v5 = 5
}

/// A decoded or to-be-encoded MQTT control packet.
package enum MQTTPacket: Sendable, Equatable {
    case connect(MQTTConnect)
    case connack(sessionPresent: Bool, code: MQTTReasonCode, properties: [MQTTProperty])
    case publish(MQTTPublish)
    /// PUBACK, PUBREC, PUBREL and PUBCOMP share one shape.
    case ack(MQTTAckKind, packetID: UInt16, code: MQTTReasonCode, properties: [MQTTProperty])
    case subscribe(packetID: UInt16, filters: [MQTTSubscription], properties: [MQTTProperty])
    case suback(packetID: UInt16, codes: [MQTTReasonCode], properties: [MQTTProperty])
    case unsubscribe(packetID: UInt16, filters: [String], properties: [MQTTProperty])
    case unsuback(packetID: UInt16, codes: [MQTTReasonCode], properties: [MQTTProperty])
    case pingreq
    case pingresp
    case disconnect(code: MQTTReasonCode, properties: [MQTTProperty])
    case auth(code: MQTTReasonCode, properties: [MQTTProperty])

    /// The packet's name as MQTT writes it, for logs.
    package var name: String {
        switch self {
        case .connect: "CONNECT"
        case .connack: "CONNACK"
        case .publish: "PUBLISH"
        case .ack(let kind, _, _, _): kind.name
        case .subscribe: "SUBSCRIBE"
        case .suback: "SUBACK"
        case .unsubscribe: "UNSUBSCRIBE"
        case .unsuback: "UNSUBACK"
        case .pingreq: "PINGREQ"
        case .pingresp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        case .auth: "AUTH"
        }
    }
}

/// The four acknowledgement packets, by their fixed-header type.
package enum MQTTAckKind: UInt8, Sendable {
    case puback = 4, pubrec = 5, pubrel = 6, pubcomp = 7

    package var packetType: MQTTPacketType { MQTTPacketType(rawValue: rawValue)! }

    package var name: String {
        switch self {
        case .puback: "PUBACK"
        case .pubrec: "PUBREC"
        case .pubrel: "PUBREL"
        case .pubcomp: "PUBCOMP"
        }
    }
}

/// A CONNECT packet.
package struct MQTTConnect: Sendable, Equatable {
    package var version: MQTTVersion
    package var clientID: String
    package var cleanStart: Bool
    package var keepalive: UInt16
    package var username: String?
    package var password: [UInt8]?
    package var will: MQTTMessage?
    /// Will Delay Interval (MQTT 5), in seconds.
    package var willDelay: UInt32 = 0
    package var properties: [MQTTProperty] = []

    package init(
        version: MQTTVersion, clientID: String, cleanStart: Bool, keepalive: UInt16, username: String? = nil,
        password: [UInt8]? = nil, will: MQTTMessage? = nil, willDelay: UInt32 = 0, properties: [MQTTProperty] = []
    ) {
        self.version = version
        self.clientID = clientID
        self.cleanStart = cleanStart
        self.keepalive = keepalive
        self.username = username
        self.password = password
        self.will = will
        self.willDelay = willDelay
        self.properties = properties
    }
}

/// A PUBLISH packet.
package struct MQTTPublish: Sendable, Equatable {
    package var message: MQTTMessage
    package var packetID: UInt16?
    package var duplicate = false

    package init(message: MQTTMessage, packetID: UInt16? = nil, duplicate: Bool = false) {
        self.message = message
        self.packetID = packetID
        self.duplicate = duplicate
    }
}

/// One topic filter of a SUBSCRIBE, with its MQTT 5 options.
package struct MQTTSubscription: Sendable, Equatable {
    package var filter: String
    package var qos: Int
    package var noLocal = false
    package var retainAsPublished = false
    package var retainHandling = 0

    package init(
        filter: String, qos: Int, noLocal: Bool = false, retainAsPublished: Bool = false, retainHandling: Int = 0
    ) {
        self.filter = filter
        self.qos = qos
        self.noLocal = noLocal
        self.retainAsPublished = retainAsPublished
        self.retainHandling = retainHandling
    }
}

/// An application message as the broker routes it.
package struct MQTTMessage: Sendable, Equatable {
    package var topic: String
    package var payload: [UInt8]
    package var qos: Int
    package var retain: Bool
    /// MQTT 5 properties that travel with the message (content type, user properties, …).
    package var properties: [MQTTProperty] = []
    /// The client that published it, for No Local; nil for API publishes.
    package var publisher: String? = nil
    /// When the broker took it in, for slow subscriptions; not part of the message.
    package var receivedAt: ContinuousClock.Instant? = nil

    package init(
        topic: String, payload: [UInt8], qos: Int, retain: Bool, properties: [MQTTProperty] = [],
        publisher: String? = nil, receivedAt: ContinuousClock.Instant? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.properties = properties
        self.publisher = publisher
        self.receivedAt = receivedAt
    }

    package static func == (a: MQTTMessage, b: MQTTMessage) -> Bool {
        (a.topic, a.payload, a.qos, a.retain, a.properties, a.publisher)
            == (b.topic, b.payload, b.qos, b.retain, b.properties, b.publisher)
    }
}
