import NIOCore

/// A packet that breaks the protocol: the connection is closed with `reason` (MQTT 5) and a log line.
package struct MQTTProtocolError: Error, CustomStringConvertible {
    package var reason: MQTTReasonCode
    package var message: String
    package var description: String { message }

    package init(reason: MQTTReasonCode, message: String) {
        self.reason = reason
        self.message = message
    }

    package static func malformed(_ message: String) -> MQTTProtocolError {
        MQTTProtocolError(reason: .malformedPacket, message: message)
    }
}

/// A decoded packet with its size on the wire, for the byte counters.
package struct MQTTFrame: Sendable, Equatable {
    package var packet: MQTTPacket
    package var size: Int

    package init(packet: MQTTPacket, size: Int) {
        self.packet = packet
        self.size = size
    }
}

/// Which end of a connection reads: a broker reads what clients send, a client what brokers send.
package enum MQTTRole: Sendable {
    case server, client
}

/// Splits the byte stream into MQTT packets. A broker's first must be CONNECT, which fixes the protocol level; a
/// client knows its level from the CONNECT it sent.
package struct MQTTPacketDecoder: ByteToMessageDecoder {
    package typealias InboundOut = MQTTFrame

    /// EMQX's default `max_packet_size`: 1 MB.
    package static let maximumPacketSize = 1024 * 1024
    package private(set) var version: MQTTVersion?

    /// Whose packets it reads: a broker's decoder refuses what only brokers send, and the other way round.
    package let role: MQTTRole

    /// A broker's decoder for a new connection, or (for tests) one whose CONNECT at `version` was already read.
    package init(afterConnectAt version: MQTTVersion? = nil) {
        self.version = version
        self.role = .server
    }

    /// A client's decoder, for a connection whose CONNECT asked for `version`.
    package init(clientAt version: MQTTVersion) {
        self.version = version
        self.role = .client
    }

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = try decodeFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    package mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    /// Reads one whole packet from `buffer`, or nothing when more bytes are needed.
    package mutating func decodeFrame(_ buffer: inout ByteBuffer) throws -> MQTTFrame? {
        guard let split = try Self.split(&buffer) else { return nil }
        var body = split.body
        return MQTTFrame(packet: try packet(header: split.header, body: &body), size: split.size)
    }

    /// Takes one whole packet's bytes off `buffer`: its first byte (type and flags), its body and its size on the
    /// wire; nothing when more bytes are needed.
    package static func split(_ buffer: inout ByteBuffer) throws -> (header: UInt8, body: ByteBuffer, size: Int)? {
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
        guard let body = peek.readSlice(length: length) else { return nil }
        let size = buffer.readableBytes - peek.readableBytes
        buffer.moveReaderIndex(forwardBy: size)
        return (first, body, size)
    }

    /// The packet a split-off body holds, given its first byte.
    package mutating func packet(header: UInt8, body: inout ByteBuffer) throws -> MQTTPacket {
        guard let type = MQTTPacketType(rawValue: header >> 4) else {
            throw MQTTProtocolError.malformed("packet type 0 is reserved")
        }
        let packet = try parse(type: type, flags: header & 0x0F, body: &body)
        guard body.readableBytes == 0 || type == .publish else {
            throw MQTTProtocolError.malformed("\(packet.name) has \(body.readableBytes) unexpected trailing bytes")
        }
        return packet
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
        case .disconnect:
            guard isV5, body.readableBytes > 0 else { return .disconnect(code: .success, properties: []) }
            let code = try body.mqttReasonCode()
            return .disconnect(code: code, properties: body.readableBytes > 0 ? try body.mqttProperties() : [])
        case .auth where isV5:
            guard body.readableBytes > 0 else { return .auth(code: .success, properties: []) }
            let code = try body.mqttReasonCode()
            return .auth(code: code, properties: body.readableBytes > 0 ? try body.mqttProperties() : [])
        default:
            switch role {
            case .server: return try Self.parseFromClient(type: type, body: &body, isV5: isV5)
            case .client: return try Self.parseFromServer(type: type, body: &body, isV5: isV5)
            }
        }
    }

    package static func parseConnect(_ body: inout ByteBuffer) throws -> MQTTConnect {
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

    package static func parsePublish(flags: UInt8, body: inout ByteBuffer, isV5: Bool) throws -> MQTTPublish {
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
