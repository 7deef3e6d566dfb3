import EMQXMQTT
import NIOCore
import Testing

/// The codec's other role: a client reads what a broker writes (CONNACK, SUBACK, UNSUBACK, PINGRESP and the
/// packets both sides send), and each side refuses what only the other may send.
@Suite struct MQTTClientRoleTests {
    func encoded(_ packet: MQTTPacket, _ version: MQTTVersion) -> ByteBuffer {
        var buffer = ByteBuffer()
        packet.encode(version: version, into: &buffer)
        return buffer
    }

    static let fromBroker: [(MQTTPacket, MQTTVersion)] = [
        (.connack(sessionPresent: false, code: .success, properties: []), .v311),
        (.connack(sessionPresent: true, code: .success, properties: []), .v311),
        (.connack(sessionPresent: false, code: .notAuthorized, properties: []), .v311),
        (.connack(sessionPresent: false, code: .badUsernameOrPassword, properties: []), .v3),
        (
            .connack(
                sessionPresent: true, code: .success,
                properties: [
                    MQTTProperty(id: MQTTProperty.assignedClientID, value: .string("auto-1")),
                    MQTTProperty(id: MQTTProperty.receiveMaximum, value: .twoBytes(32)),
                ]), .v5
        ),
        (.connack(sessionPresent: false, code: .banned, properties: []), .v5),
        (.suback(packetID: 1, codes: [.success, .grantedQoS1, .grantedQoS2, .unspecified], properties: []), .v311),
        (.suback(packetID: 2, codes: [.grantedQoS1, .wildcardSubscriptionsNotSupported], properties: []), .v5),
        (.unsuback(packetID: 3, codes: [], properties: []), .v311),
        (.unsuback(packetID: 4, codes: [.success, .noSubscriptionExisted], properties: []), .v5),
        (.pingresp, .v311),
        (.pingresp, .v5),
        (
            .publish(
                MQTTPublish(
                    message: MQTTMessage(
                        topic: "sensors/7", payload: Array("21.5".utf8), qos: 1, retain: true,
                        properties: [MQTTProperty(id: MQTTProperty.contentType, value: .string("text/plain"))]),
                    packetID: 11)), .v5
        ),
        (.ack(.pubrec, packetID: 12, code: .success, properties: []), .v311),
        (.ack(.pubcomp, packetID: 13, code: .packetIdentifierNotFound, properties: []), .v5),
        (.disconnect(code: .serverShuttingDown, properties: []), .v5),
        (.auth(code: .continueAuthentication, properties: []), .v5),
    ]

    @Test(arguments: 0..<fromBroker.count)
    func aClientReadsWhatABrokerWrites(_ index: Int) throws {
        let (packet, version) = Self.fromBroker[index]
        var decoder = MQTTPacketDecoder(clientAt: version)
        var buffer = encoded(packet, version)
        let frame = try #require(try decoder.decodeFrame(&buffer))
        #expect(frame.packet == packet)
        #expect(buffer.readableBytes == 0)
    }

    static let brokerOnly: [MQTTPacket] = [
        .connack(sessionPresent: false, code: .success, properties: []),
        .suback(packetID: 1, codes: [.success], properties: []),
        .unsuback(packetID: 1, codes: [.success], properties: []),
        .pingresp,
    ]

    static let clientOnly: [MQTTPacket] = [
        .connect(MQTTConnect(version: .v5, clientID: "c", cleanStart: true, keepalive: 30)),
        .subscribe(packetID: 1, filters: [MQTTSubscription(filter: "t", qos: 0)], properties: []),
        .unsubscribe(packetID: 1, filters: ["t"], properties: []),
        .pingreq,
    ]

    @Test func eachSideRefusesWhatOnlyTheOtherSends() throws {
        for packet in Self.clientOnly {
            var decoder = MQTTPacketDecoder(clientAt: .v5)
            var buffer = encoded(packet, .v5)
            #expect(throws: MQTTProtocolError.self, "a client reading \(packet.name)") {
                try decoder.decodeFrame(&buffer)
            }
        }
        for packet in Self.brokerOnly {
            var decoder = MQTTPacketDecoder(afterConnectAt: .v5)
            var buffer = encoded(packet, .v5)
            #expect(throws: MQTTProtocolError.self, "a broker reading \(packet.name)") {
                try decoder.decodeFrame(&buffer)
            }
        }
    }

    @Test(arguments: [
        ([0x20, 0x02, 0x02, 0x00] as [UInt8], "reserved CONNACK flags"),
        ([0x20, 0x02, 0x00, 0x06], "a 3.1.1 return code past 5"),
        ([0x90, 0x02, 0x00, 0x01], "a SUBACK without codes"),
    ])
    func malformedBrokerPacketsAreRefused(_ bytes: [UInt8], _ why: String) {
        var decoder = MQTTPacketDecoder(clientAt: .v311)
        var buffer = ByteBuffer(bytes: bytes)
        #expect(throws: MQTTProtocolError.self, "\(why)") { try decoder.decodeFrame(&buffer) }
    }
}
