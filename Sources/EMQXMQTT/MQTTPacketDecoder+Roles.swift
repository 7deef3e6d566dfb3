import NIOCore

/// The packets only one side sends: a broker reads CONNECT, SUBSCRIBE, UNSUBSCRIBE and PINGREQ; a client reads
/// CONNACK, SUBACK, UNSUBACK and PINGRESP. Either refuses the other side's as a protocol error.
extension MQTTPacketDecoder {
    static func parseFromClient(type: MQTTPacketType, body: inout ByteBuffer, isV5: Bool) throws -> MQTTPacket {
        switch type {
        case .connect: throw MQTTProtocolError(reason: .protocolError, message: "a second CONNECT")
        case .subscribe:
            let id = try body.mqttUInt16()
            let properties = isV5 ? try body.mqttProperties() : []
            var filters: [MQTTSubscription] = []
            while body.readableBytes > 0 {
                let filter = try body.mqttString()
                let options = try body.mqttByte()
                guard options & 0x03 != 3, options & 0xC0 == 0, isV5 || options & 0xFC == 0, options >> 4 & 0x03 != 3
                else {
                    throw MQTTProtocolError.malformed("bad subscription options \(options) for \(filter)")
                }
                filters.append(
                    MQTTSubscription(
                        filter: filter, qos: Int(options & 0x03), noLocal: options & 0x04 != 0,
                        retainAsPublished: options & 0x08 != 0, retainHandling: Int(options >> 4 & 0x03)))
            }
            guard !filters.isEmpty else {
                throw MQTTProtocolError(reason: .protocolError, message: "SUBSCRIBE without topic filters")
            }
            return .subscribe(packetID: id, filters: filters, properties: properties)
        case .unsubscribe:
            let id = try body.mqttUInt16()
            let properties = isV5 ? try body.mqttProperties() : []
            var filters: [String] = []
            while body.readableBytes > 0 { filters.append(try body.mqttString()) }
            guard !filters.isEmpty else {
                throw MQTTProtocolError(reason: .protocolError, message: "UNSUBSCRIBE without topic filters")
            }
            return .unsubscribe(packetID: id, filters: filters, properties: properties)
        case .pingreq: return .pingreq
        default: throw MQTTProtocolError(reason: .protocolError, message: "a client may not send \(type)")
        }
    }

    static func parseFromServer(type: MQTTPacketType, body: inout ByteBuffer, isV5: Bool) throws -> MQTTPacket {
        switch type {
        case .connack:
            let flags = try body.mqttByte()
            guard flags & 0xFE == 0 else { throw MQTTProtocolError.malformed("CONNACK reserved flags \(flags)") }
            let byte = try body.mqttByte()
            let code: MQTTReasonCode
            if isV5 {
                guard let known = MQTTReasonCode(rawValue: byte) else {
                    throw MQTTProtocolError.malformed("unknown reason code \(byte)")
                }
                code = known
            } else {
                guard let known = MQTTReasonCode(v3ConnackReturnCode: byte) else {
                    throw MQTTProtocolError.malformed("unknown CONNACK return code \(byte)")
                }
                code = known
            }
            return .connack(
                sessionPresent: flags & 0x01 != 0, code: code, properties: isV5 ? try body.mqttProperties() : [])
        case .suback:
            let id = try body.mqttUInt16()
            let properties = isV5 ? try body.mqttProperties() : []
            var codes: [MQTTReasonCode] = []
            while body.readableBytes > 0 { codes.append(try body.mqttReasonCode()) }
            guard !codes.isEmpty else { throw MQTTProtocolError.malformed("SUBACK without return codes") }
            return .suback(packetID: id, codes: codes, properties: properties)
        case .unsuback:
            let id = try body.mqttUInt16()
            // MQTT 3.1.1's UNSUBACK is the packet identifier alone.
            guard isV5 else { return .unsuback(packetID: id, codes: [], properties: []) }
            let properties = try body.mqttProperties()
            var codes: [MQTTReasonCode] = []
            while body.readableBytes > 0 { codes.append(try body.mqttReasonCode()) }
            return .unsuback(packetID: id, codes: codes, properties: properties)
        case .pingresp: return .pingresp
        default: throw MQTTProtocolError(reason: .protocolError, message: "a broker may not send \(type)")
        }
    }
}
