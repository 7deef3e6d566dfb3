import NIOCore

extension MQTTPacket {
    /// Writes the packet as `version` frames it, fixed header included.
    package func encode(version: MQTTVersion, into buffer: inout ByteBuffer) {
        let isV5 = version == .v5
        var body = ByteBuffer()
        let first: UInt8
        switch self {
        case .connect(let connect):
            first = MQTTPacketType.connect.fixedHeader
            body.writeMQTTString(version == .v3 ? "MQIsdp" : "MQTT")
            body.writeInteger(version.rawValue)
            var flags: UInt8 = connect.cleanStart ? 0x02 : 0
            if let will = connect.will { flags |= 0x04 | UInt8(will.qos) << 3 | (will.retain ? 0x20 : 0) }
            if connect.password != nil { flags |= 0x40 }
            if connect.username != nil { flags |= 0x80 }
            body.writeInteger(flags)
            body.writeInteger(connect.keepalive)
            if isV5 { body.writeMQTTProperties(connect.properties) }
            body.writeMQTTString(connect.clientID)
            if let will = connect.will {
                if isV5 { body.writeMQTTProperties(will.properties) }
                body.writeMQTTString(will.topic)
                body.writeMQTTBinary(will.payload)
            }
            if let username = connect.username { body.writeMQTTString(username) }
            if let password = connect.password { body.writeMQTTBinary(password) }
        case .connack(let sessionPresent, let code, let properties):
            first = MQTTPacketType.connack.fixedHeader
            body.writeInteger(UInt8(sessionPresent ? 1 : 0))
            body.writeInteger(isV5 ? code.rawValue : code.v3ConnackReturnCode)
            if isV5 { body.writeMQTTProperties(properties) }
        case .publish(let publish):
            let message = publish.message
            first =
                MQTTPacketType.publish.fixedHeader | (publish.duplicate ? 0x08 : 0) | UInt8(message.qos) << 1
                | (message.retain ? 1 : 0)
            body.writeMQTTString(message.topic)
            if let id = publish.packetID { body.writeInteger(id) }
            if isV5 { body.writeMQTTProperties(message.properties) }
            body.writeBytes(message.payload)
        case .ack(let kind, let id, let code, let properties):
            first = kind.packetType.fixedHeader
            body.writeInteger(id)
            if isV5, code != MQTTReasonCode.success || !properties.isEmpty {
                body.writeInteger(code.rawValue)
                if !properties.isEmpty { body.writeMQTTProperties(properties) }
            }
        case .subscribe(let id, let filters, let properties):
            first = MQTTPacketType.subscribe.fixedHeader
            body.writeInteger(id)
            if isV5 { body.writeMQTTProperties(properties) }
            for filter in filters {
                body.writeMQTTString(filter.filter)
                var options = UInt8(filter.qos)
                if filter.noLocal { options |= 0x04 }
                if filter.retainAsPublished { options |= 0x08 }
                options |= UInt8(filter.retainHandling) << 4
                body.writeInteger(options)
            }
        case .suback(let id, let codes, let properties):
            first = MQTTPacketType.suback.fixedHeader
            body.writeInteger(id)
            if isV5 { body.writeMQTTProperties(properties) }
            // MQTT 3.1.1 has a single failure code, 0x80.
            body.writeBytes(codes.map { isV5 || !$0.isFailure ? $0.rawValue : MQTTReasonCode.unspecified.rawValue })
        case .unsubscribe(let id, let filters, let properties):
            first = MQTTPacketType.unsubscribe.fixedHeader
            body.writeInteger(id)
            if isV5 { body.writeMQTTProperties(properties) }
            for filter in filters { body.writeMQTTString(filter) }
        case .unsuback(let id, let codes, let properties):
            first = MQTTPacketType.unsuback.fixedHeader
            body.writeInteger(id)
            if isV5 {
                body.writeMQTTProperties(properties)
                body.writeBytes(codes.map(\.rawValue))
            }
        case .pingreq: first = MQTTPacketType.pingreq.fixedHeader
        case .pingresp: first = MQTTPacketType.pingresp.fixedHeader
        case .disconnect(let code, let properties):
            first = MQTTPacketType.disconnect.fixedHeader
            if isV5, code != MQTTReasonCode.success || !properties.isEmpty {
                body.writeInteger(code.rawValue)
                body.writeMQTTProperties(properties)
            }
        case .auth(let code, let properties):
            first = MQTTPacketType.auth.fixedHeader
            body.writeInteger(code.rawValue)
            body.writeMQTTProperties(properties)
        }
        buffer.writeInteger(first)
        buffer.writeMQTTVarInt(body.readableBytes)
        buffer.writeBuffer(&body)
    }
}

extension ByteBuffer {
    package mutating func writeMQTTVarInt(_ value: Int) {
        var rest = value
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte |= 0x80 }
            writeInteger(byte)
        } while rest > 0
    }

    package mutating func writeMQTTBinary(_ bytes: [UInt8]) {
        writeInteger(UInt16(truncatingIfNeeded: bytes.count))
        writeBytes(bytes)
    }

    package mutating func writeMQTTString(_ text: String) {
        writeInteger(UInt16(truncatingIfNeeded: text.utf8.count))
        writeString(text)
    }

    package mutating func writeMQTTProperties(_ properties: [MQTTProperty]) {
        var encoded = ByteBuffer()
        for property in properties {
            encoded.writeMQTTVarInt(Int(property.id))
            switch property.value {
            case .byte(let v): encoded.writeInteger(v)
            case .twoBytes(let v): encoded.writeInteger(v)
            case .fourBytes(let v): encoded.writeInteger(v)
            case .varInt(let v): encoded.writeMQTTVarInt(v)
            case .string(let v): encoded.writeMQTTString(v)
            case .binary(let v): encoded.writeMQTTBinary(v)
            case .pair(let k, let v):
                encoded.writeMQTTString(k)
                encoded.writeMQTTString(v)
            }
        }
        writeMQTTVarInt(encoded.readableBytes)
        writeBuffer(&encoded)
    }
}
