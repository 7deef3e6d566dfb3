import EMQXMQTT
import NIOCore
import NIOTestUtils
import Testing

/// NIO's `ByteToMessageDecoderVerifier` over the MQTT decoder: a connection's packets decode the same whether the
/// bytes arrive at once, one at a time, or in any split, and nothing is left over. The verifier shuffles and repeats
/// its inputs, so it starts after CONNECT (a second one is a protocol error); `MQTTCodecTests` splits CONNECT itself.
@Suite struct MQTTDecoderVerifierTests {
    static func frame(_ packet: MQTTPacket, _ version: MQTTVersion) -> (ByteBuffer, [MQTTFrame]) {
        var buffer = ByteBuffer()
        packet.encode(version: version, into: &buffer)
        return (buffer, [MQTTFrame(packet: packet, size: buffer.readableBytes)])
    }

    static func session(_ version: MQTTVersion) -> [(ByteBuffer, [MQTTFrame])] {
        let isV5 = version == .v5
        let properties = isV5 ? [MQTTProperty(id: MQTTProperty.contentType, value: .string("text/plain"))] : []
        return [
            frame(
                .publish(
                    MQTTPublish(
                        message: MQTTMessage(
                            topic: "sensors/1", payload: Array(repeating: 0x41, count: 300), qos: 1, retain: false,
                            properties: properties),
                        packetID: 7)), version),
            frame(.ack(.puback, packetID: 9, code: .success, properties: []), version),
            frame(
                .subscribe(
                    packetID: 10, filters: [MQTTSubscription(filter: "cmd/#", qos: 2), .init(filter: "a/+", qos: 0)],
                    properties: []), version),
            frame(.unsubscribe(packetID: 11, filters: ["a/+"], properties: []), version),
            frame(.pingreq, version),
            frame(.publish(MQTTPublish(message: MQTTMessage(topic: "t", payload: [], qos: 0, retain: true))), version),
            frame(.disconnect(code: .success, properties: []), version),
        ]
    }

    @Test(arguments: [MQTTVersion.v311, .v5])
    func aWholeSessionDecodesTheSameInEverySplit(_ version: MQTTVersion) throws {
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: Self.session(version)) {
            MQTTPacketDecoder(afterConnectAt: version)
        }
    }
}
