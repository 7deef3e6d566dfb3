import EMQXMQTT

extension MQTTPacket {
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
}
