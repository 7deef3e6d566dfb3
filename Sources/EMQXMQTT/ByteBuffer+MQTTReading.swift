import NIOCore

/// Reading MQTT's data types (MQTT 5.0 §1.5), each failing as a malformed packet when the bytes run out.
extension ByteBuffer {
    /// A reason code; one MQTT does not define is a malformed packet.
    package mutating func mqttReasonCode() throws -> MQTTReasonCode {
        let byte = try mqttByte()
        guard let code = MQTTReasonCode(rawValue: byte) else {
            throw MQTTProtocolError.malformed("unknown reason code \(byte)")
        }
        return code
    }

    package mutating func mqttByte() throws -> UInt8 {
        guard let value: UInt8 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    package mutating func mqttUInt16() throws -> UInt16 {
        guard let value: UInt16 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    package mutating func mqttUInt32() throws -> UInt32 {
        guard let value: UInt32 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    package mutating func mqttVarInt() throws -> Int {
        var value = 0
        var multiplier = 1
        for _ in 0..<4 {
            let byte = try mqttByte()
            value += Int(byte & 0x7F) * multiplier
            if byte & 0x80 == 0 { return value }
            multiplier *= 128
        }
        throw MQTTProtocolError.malformed("variable byte integer longer than four bytes")
    }

    package mutating func mqttBinary() throws -> [UInt8] {
        let length = Int(try mqttUInt16())
        guard let bytes = readBytes(length: length) else {
            throw MQTTProtocolError.malformed("data runs past the packet")
        }
        return bytes
    }

    /// A UTF-8 string: well-formed and without NUL, as MQTT requires.
    package mutating func mqttString() throws -> String {
        let length = Int(try mqttUInt16())
        guard readableBytes >= length else { throw MQTTProtocolError.malformed("data runs past the packet") }
        let text = withUnsafeReadableBytes { raw -> String? in
            let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<length])
            // Topics are nearly always ASCII, which needs no validation beyond the NUL check.
            if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            guard !bytes.contains(0) else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
        guard let text else { throw MQTTProtocolError.malformed("a string is not well-formed UTF-8") }
        moveReaderIndex(forwardBy: length)
        return text
    }

    package mutating func mqttProperties() throws -> [MQTTProperty] {
        let length = try mqttVarInt()
        guard var slice = readSlice(length: length) else {
            throw MQTTProtocolError.malformed("properties run past the packet")
        }
        var properties: [MQTTProperty] = []
        while slice.readableBytes > 0 {
            let id = UInt8(clamping: try slice.mqttVarInt())
            guard let kind = MQTTProperty.kind(of: id) else {
                throw MQTTProtocolError.malformed("unknown property 0x\(String(id, radix: 16))")
            }
            let value: MQTTProperty.Value =
                switch kind {
                case .byte: .byte(try slice.mqttByte())
                case .twoBytes: .twoBytes(try slice.mqttUInt16())
                case .fourBytes: .fourBytes(try slice.mqttUInt32())
                case .varInt: .varInt(try slice.mqttVarInt())
                case .string: .string(try slice.mqttString())
                case .binary: .binary(try slice.mqttBinary())
                case .pair: .pair(try slice.mqttString(), try slice.mqttString())
                }
            properties.append(MQTTProperty(id: id, value: value))
        }
        return properties
    }
}
