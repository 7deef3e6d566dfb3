import NIOCore

/// A packet that breaks the protocol: the connection is closed with `reason` (MQTT 5) and a log line.
struct MQTTProtocolError: Error, CustomStringConvertible {
    var reason: MQTTReasonCode
    var message: String
    var description: String { message }

    static func malformed(_ message: String) -> MQTTProtocolError {
        MQTTProtocolError(reason: .malformedPacket, message: message)
    }
}

/// A decoded packet with its size on the wire, for the byte counters.
struct MQTTFrame: Sendable, Equatable {
    var packet: MQTTPacket
    var size: Int
}

/// Splits the byte stream into MQTT packets; the first must be CONNECT, which fixes the protocol level.
struct MQTTPacketDecoder: ByteToMessageDecoder {
    typealias InboundOut = MQTTFrame

    /// EMQX's default `max_packet_size`: 1 MB.
    static let maximumPacketSize = 1024 * 1024
    private(set) var version: MQTTVersion?

    /// A decoder for a new connection, or (for tests) one whose CONNECT at `version` was already read.
    init(afterConnectAt version: MQTTVersion? = nil) {
        self.version = version
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try decodeFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Reads one whole packet from `buffer`, or nothing when more bytes are needed.
    mutating func decodeFrame(_ buffer: inout ByteBuffer) throws -> MQTTFrame? {
        var peek = buffer
        guard let first: UInt8 = peek.readInteger() else { return nil }
        var length = 0
        var multiplier = 1
        for index in 0..<4 {
            guard let byte: UInt8 = peek.readInteger() else { return nil }
            length += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            if byte & 0x80 == 0 { break }
            if index == 3 { throw MQTTProtocolError.malformed("remaining length longer than four bytes") }
        }
        guard length <= Self.maximumPacketSize else {
            throw MQTTProtocolError(
                reason: MQTTReasonCode.packetTooLarge, message: "packet of \(length) bytes exceeds the 1 MB limit")
        }
        guard var body = peek.readSlice(length: length) else { return nil }
        let size = buffer.readableBytes - peek.readableBytes
        buffer.moveReaderIndex(forwardBy: size)
        guard let type = MQTTPacketType(rawValue: first >> 4) else {
            throw MQTTProtocolError.malformed("packet type 0 is reserved")
        }
        let packet = try parse(type: type, flags: first & 0x0F, body: &body)
        guard body.readableBytes == 0 || type == .publish else {
            throw MQTTProtocolError.malformed("\(packet.name) has \(body.readableBytes) unexpected trailing bytes")
        }
        return MQTTFrame(packet: packet, size: size)
    }

    private mutating func parse(type: MQTTPacketType, flags: UInt8, body: inout ByteBuffer) throws -> MQTTPacket {
        guard let version else {
            guard type == .connect else {
                throw MQTTProtocolError(reason: .protocolError, message: "the first packet must be CONNECT")
            }
            let connect = try Self.parseConnect(&body)
            self.version = connect.version
            return .connect(connect)
        }
        let isV5 = version == .v5
        if type != .publish, flags != type.fixedHeader & 0x0F {
            throw MQTTProtocolError.malformed("\(type) with reserved flags \(flags)")
        }
        switch type {
        case .connect: throw MQTTProtocolError(reason: .protocolError, message: "a second CONNECT")
        case .publish: return .publish(try Self.parsePublish(flags: flags, body: &body, isV5: isV5))
        case .puback, .pubrec, .pubrel, .pubcomp:
            let id = try body.mqttUInt16()
            var code = MQTTReasonCode.success
            var properties: [MQTTProperty] = []
            if isV5, body.readableBytes > 0 {
                code = try body.mqttReasonCode()
                if body.readableBytes > 0 { properties = try body.mqttProperties() }
            }
            return .ack(MQTTAckKind(rawValue: type.rawValue)!, packetID: id, code: code, properties: properties)
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
        case .disconnect:
            guard isV5, body.readableBytes > 0 else { return .disconnect(code: .success, properties: []) }
            let code = try body.mqttReasonCode()
            return .disconnect(code: code, properties: body.readableBytes > 0 ? try body.mqttProperties() : [])
        case .auth where isV5:
            guard body.readableBytes > 0 else { return .auth(code: .success, properties: []) }
            let code = try body.mqttReasonCode()
            return .auth(code: code, properties: body.readableBytes > 0 ? try body.mqttProperties() : [])
        case .connack, .suback, .unsuback, .pingresp, .auth:
            throw MQTTProtocolError(reason: .protocolError, message: "a client may not send \(type)")
        }
    }

    static func parseConnect(_ body: inout ByteBuffer) throws -> MQTTConnect {
        let name = try body.mqttString()
        let level = try body.mqttByte()
        guard (name == "MQTT" && (level == 4 || level == 5)) || (name == "MQIsdp" && level == 3) else {
            throw MQTTProtocolError(
                reason: MQTTReasonCode.unsupportedProtocolVersion,
                message: "unsupported protocol \(name) level \(level)")
        }
        let version = MQTTVersion(rawValue: level)!
        let flags = try body.mqttByte()
        guard flags & 0x01 == 0 else { throw MQTTProtocolError.malformed("CONNECT reserved flag set") }
        let keepalive = try body.mqttUInt16()
        let properties = version == .v5 ? try body.mqttProperties() : []
        var connect = MQTTConnect(
            version: version, clientID: try body.mqttString(), cleanStart: flags & 0x02 != 0, keepalive: keepalive,
            properties: properties)
        let willQoS = Int(flags >> 3 & 0x03)
        if flags & 0x04 != 0 {
            guard willQoS < 3 else { throw MQTTProtocolError.malformed("will QoS 3") }
            let willProperties = version == .v5 ? try body.mqttProperties() : []
            let topic = try body.mqttString()
            let payload = try body.mqttBinary()
            connect.will = MQTTMessage(
                topic: topic, payload: payload, qos: willQoS, retain: flags & 0x20 != 0,
                properties: willProperties.filter { MQTTProperty.forwarded.contains($0.id) })
            connect.willDelay = willProperties.fourBytes(MQTTProperty.willDelay) ?? 0
        } else if willQoS != 0 || flags & 0x20 != 0 {
            throw MQTTProtocolError.malformed("will QoS or retain set without a will")
        }
        if flags & 0x80 != 0 { connect.username = try body.mqttString() }
        if flags & 0x40 != 0 { connect.password = try body.mqttBinary() }
        return connect
    }

    static func parsePublish(flags: UInt8, body: inout ByteBuffer, isV5: Bool) throws -> MQTTPublish {
        let qos = Int(flags >> 1 & 0x03)
        guard qos < 3 else { throw MQTTProtocolError.malformed("PUBLISH with QoS 3") }
        let topic = try body.mqttString()
        let packetID: UInt16? = qos > 0 ? try body.mqttUInt16() : nil
        if packetID == 0 {
            throw MQTTProtocolError(reason: .protocolError, message: "PUBLISH with packet identifier 0")
        }
        let properties = isV5 ? try body.mqttProperties() : []
        let payload = body.readBytes(length: body.readableBytes) ?? []
        return MQTTPublish(
            message: MQTTMessage(
                topic: topic, payload: payload, qos: qos, retain: flags & 0x01 != 0, properties: properties),
            packetID: packetID, duplicate: flags & 0x08 != 0)
    }
}

extension ByteBuffer {
    /// A reason code; one MQTT does not define is a malformed packet.
    mutating func mqttReasonCode() throws -> MQTTReasonCode {
        let byte = try mqttByte()
        guard let code = MQTTReasonCode(rawValue: byte) else {
            throw MQTTProtocolError.malformed("unknown reason code \(byte)")
        }
        return code
    }

    mutating func mqttByte() throws -> UInt8 {
        guard let value: UInt8 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    mutating func mqttUInt16() throws -> UInt16 {
        guard let value: UInt16 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    mutating func mqttUInt32() throws -> UInt32 {
        guard let value: UInt32 = readInteger() else { throw MQTTProtocolError.malformed("packet ends early") }
        return value
    }

    mutating func mqttVarInt() throws -> Int {
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

    mutating func mqttBinary() throws -> [UInt8] {
        let length = Int(try mqttUInt16())
        guard let bytes = readBytes(length: length) else {
            throw MQTTProtocolError.malformed("data runs past the packet")
        }
        return bytes
    }

    /// A UTF-8 string: well-formed and without NUL, as MQTT requires.
    mutating func mqttString() throws -> String {
        let bytes = try mqttBinary()
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            throw MQTTProtocolError.malformed("a string is not well-formed UTF-8")
        }
        return text
    }

    mutating func mqttProperties() throws -> [MQTTProperty] {
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
