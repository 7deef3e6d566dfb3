/// The MQTT protocol levels the sandbox speaks.
enum MQTTVersion: UInt8, Sendable {
    /// MQTT 3.1 (`MQIsdp`), accepted as 3.1.1.
    case v3 = 3
    /// MQTT 3.1.1.
    case v311 = 4
    /// MQTT 5.0.
    case v5 = 5
}

/// A decoded or to-be-encoded MQTT control packet.
enum MQTTPacket: Sendable, Equatable {
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

    /// The counter of this packet type received (`packets.publish.received`), without building a string per packet.
    var receivedCounter: String {
        switch self {
        case .connect: "packets.connect.received"
        case .publish: "packets.publish.received"
        case .ack(.puback, _, _, _): "packets.puback.received"
        case .ack(.pubrec, _, _, _): "packets.pubrec.received"
        case .ack(.pubrel, _, _, _): "packets.pubrel.received"
        case .ack(.pubcomp, _, _, _): "packets.pubcomp.received"
        case .subscribe: "packets.subscribe.received"
        case .unsubscribe: "packets.unsubscribe.received"
        case .pingreq: "packets.pingreq.received"
        case .disconnect: "packets.disconnect.received"
        case .auth: "packets.auth.received"
        case .connack, .suback, .unsuback, .pingresp: "packets.received.unexpected"
        }
    }

    /// The counter of this packet type sent (`packets.publish.sent`).
    var sentCounter: String {
        switch self {
        case .connack: "packets.connack.sent"
        case .publish: "packets.publish.sent"
        case .ack(.puback, _, _, _): "packets.puback.sent"
        case .ack(.pubrec, _, _, _): "packets.pubrec.sent"
        case .ack(.pubrel, _, _, _): "packets.pubrel.sent"
        case .ack(.pubcomp, _, _, _): "packets.pubcomp.sent"
        case .suback: "packets.suback.sent"
        case .unsuback: "packets.unsuback.sent"
        case .pingresp: "packets.pingresp.sent"
        case .disconnect: "packets.disconnect.sent"
        case .auth: "packets.auth.sent"
        case .connect, .subscribe, .unsubscribe, .pingreq: "packets.sent.unexpected"
        }
    }

    /// The packet's name as MQTT writes it, for logs.
    var name: String {
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
enum MQTTAckKind: UInt8, Sendable {
    case puback = 4, pubrec = 5, pubrel = 6, pubcomp = 7

    var packetType: MQTTPacketType { MQTTPacketType(rawValue: rawValue)! }

    var name: String {
        switch self {
        case .puback: "PUBACK"
        case .pubrec: "PUBREC"
        case .pubrel: "PUBREL"
        case .pubcomp: "PUBCOMP"
        }
    }
}

/// A CONNECT packet.
struct MQTTConnect: Sendable, Equatable {
    var version: MQTTVersion
    var clientID: String
    var cleanStart: Bool
    var keepalive: UInt16
    var username: String?
    var password: [UInt8]?
    var will: MQTTMessage?
    /// Will Delay Interval (MQTT 5), in seconds.
    var willDelay: UInt32 = 0
    var properties: [MQTTProperty] = []
}

/// A PUBLISH packet.
struct MQTTPublish: Sendable, Equatable {
    var message: MQTTMessage
    var packetID: UInt16?
    var duplicate = false
}

/// One topic filter of a SUBSCRIBE, with its MQTT 5 options.
struct MQTTSubscription: Sendable, Equatable {
    var filter: String
    var qos: Int
    var noLocal = false
    var retainAsPublished = false
    var retainHandling = 0
}

/// An application message as the broker routes it.
struct MQTTMessage: Sendable, Equatable {
    var topic: String
    var payload: [UInt8]
    var qos: Int
    var retain: Bool
    /// MQTT 5 properties that travel with the message (content type, user properties, …).
    var properties: [MQTTProperty] = []
    /// The client that published it, for No Local; nil for API publishes.
    var publisher: String? = nil
    /// When the broker took it in, for slow subscriptions; not part of the message.
    var receivedAt: ContinuousClock.Instant? = nil

    static func == (a: MQTTMessage, b: MQTTMessage) -> Bool {
        (a.topic, a.payload, a.qos, a.retain, a.properties, a.publisher)
            == (b.topic, b.payload, b.qos, b.retain, b.properties, b.publisher)
    }
}
