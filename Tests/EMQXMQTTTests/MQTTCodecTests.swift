import EMQXMQTT
import EMQXTestSupport
import NIOCore
import Testing

/// The MQTT packet codec: what it writes it reads back, and what breaks the protocol is refused with the right reason.
@Suite struct MQTTCodecTests {
    /// Decodes `bytes` as one connection would: CONNECT (at `version`) first, then the packet under test.
    func decode(_ bytes: [UInt8], after version: MQTTVersion) throws -> MQTTPacket? {
        var decoder = MQTTPacketDecoder()
        var connect = ByteBuffer()
        MQTTPacket.connect(MQTTConnect(version: version, clientID: "c", cleanStart: true, keepalive: 30)).encode(
            version: version, into: &connect)
        _ = try decoder.decodeFrame(&connect)
        var buffer = ByteBuffer(bytes: bytes)
        return try decoder.decodeFrame(&buffer)?.packet
    }

    func encoded(_ packet: MQTTPacket, _ version: MQTTVersion) -> [UInt8] {
        var buffer = ByteBuffer()
        packet.encode(version: version, into: &buffer)
        return Array(buffer.readableBytesView)
    }

    static let roundTrips: [(MQTTPacket, MQTTVersion)] = [
        (
            .publish(MQTTPublish(message: MQTTMessage(topic: "a/b", payload: Array("hé".utf8), qos: 0, retain: true))),
            .v311
        ),
        (
            .publish(
                MQTTPublish(
                    message: MQTTMessage(
                        topic: "a/b", payload: [0, 255], qos: 2, retain: false,
                        properties: [
                            MQTTProperty(id: MQTTProperty.userProperty, value: .pair("k", "v")),
                            MQTTProperty(id: MQTTProperty.correlationData, value: .binary([1, 2])),
                        ]), packetID: 9, duplicate: true)), .v5
        ),
        (
            .subscribe(
                packetID: 3,
                filters: [
                    MQTTSubscription(
                        filter: "$share/g/t/#", qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2)
                ],
                properties: [MQTTProperty(id: MQTTProperty.subscriptionIdentifier, value: .varInt(300))]), .v5
        ),
        (.subscribe(packetID: 4, filters: [MQTTSubscription(filter: "t/+", qos: 2)], properties: []), .v311),
        (.unsubscribe(packetID: 5, filters: ["t/+", "u"], properties: []), .v5),
        (.ack(.pubrel, packetID: 7, code: .success, properties: []), .v311),
        (.ack(.puback, packetID: 8, code: MQTTReasonCode.notAuthorized, properties: []), .v5),
        (.pingreq, .v5),
        (
            .disconnect(
                code: MQTTReasonCode.disconnectWithWill,
                properties: [MQTTProperty(id: MQTTProperty.sessionExpiry, value: .fourBytes(60))]), .v5
        ),
    ]

    @Test(arguments: 0..<roundTrips.count)
    func whatIsWrittenReadsBack(_ index: Int) throws {
        let (packet, version) = Self.roundTrips[index]
        let bytes = encoded(packet, version)
        let decoded = try #require(try decode(bytes, after: version))
        #expect(encoded(decoded, version) == bytes, "\(packet.name)")
    }

    @Test func connectWithWillAndCredentialsReadsBack() throws {
        let will = MQTTMessage(
            topic: "w", payload: [1], qos: 1, retain: true,
            properties: [MQTTProperty(id: MQTTProperty.contentType, value: .string("x"))])
        var connect = MQTTConnect(
            version: .v5, clientID: "id", cleanStart: false, keepalive: 10, username: "u", password: [9], will: will)
        connect.properties = [MQTTProperty(id: MQTTProperty.sessionExpiry, value: .fourBytes(300))]
        var buffer = ByteBuffer()
        MQTTPacket.connect(connect).encode(version: .v5, into: &buffer)
        var decoder = MQTTPacketDecoder()
        guard case .connect(let read)? = try decoder.decodeFrame(&buffer)?.packet else {
            Issue.record("not a CONNECT")
            return
        }
        #expect(
            read.clientID == "id" && !read.cleanStart && read.keepalive == 10 && read.username == "u"
                && read.password == [9])
        #expect(
            read.will?.topic == "w" && read.will?.qos == 1 && read.will?.retain == true
                && read.will?.properties == will.properties)
        #expect(read.properties.fourBytes(MQTTProperty.sessionExpiry) == 300)
    }

    @Test func partialInputWaitsForMore() throws {
        let bytes = encoded(
            .publish(
                MQTTPublish(
                    message: MQTTMessage(topic: "t", payload: Array(repeating: 7, count: 300), qos: 0, retain: false))),
            .v5)
        for cut in [1, 2, 3, bytes.count - 1] {
            #expect(try decode(Array(bytes.prefix(cut)), after: .v5) == nil)
        }
    }

    static let malformed: [(name: String, bytes: [UInt8], reason: MQTTReasonCode)] = [
        ("remaining length over four bytes", [0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], MQTTReasonCode.malformedPacket),
        ("packet over 1 MB", [0x30, 0x80, 0x80, 0x80, 0x01], MQTTReasonCode.packetTooLarge),
        ("QoS 3", [0x36, 0x03, 0x00, 0x01, 0x74], MQTTReasonCode.malformedPacket),
        ("topic not UTF-8", [0x30, 0x04, 0x00, 0x02, 0xC3, 0x28], MQTTReasonCode.malformedPacket),
        (
            "SUBSCRIBE with wrong flags", [0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x74, 0x00],
            MQTTReasonCode.malformedPacket
        ),
        ("SUBSCRIBE without filters", [0x82, 0x03, 0x00, 0x01, 0x00], MQTTReasonCode.protocolError),
        ("a second CONNECT", [0x10, 0x00], MQTTReasonCode.protocolError),
        ("a server-only packet", [0x20, 0x02, 0x00, 0x00], MQTTReasonCode.protocolError),
        ("unknown property", [0x30, 0x06, 0x00, 0x01, 0x74, 0x02, 0x7F, 0x00], MQTTReasonCode.malformedPacket),
        ("PINGREQ with a body", [0xC0, 0x01, 0x00], MQTTReasonCode.malformedPacket),
        ("reserved packet type 0", [0x00, 0x00], MQTTReasonCode.malformedPacket),
        ("a reason code MQTT does not define", [0x40, 0x03, 0x00, 0x01, 0x03], MQTTReasonCode.malformedPacket),
    ]

    @Test(arguments: 0..<malformed.count)
    func malformedPacketsAreRefusedWithTheirReason(_ index: Int) {
        let (name, bytes, reason) = Self.malformed[index]
        #expect("\(name)") { try decode(bytes, after: .v5) } throws: { error in
            (error as? MQTTProtocolError)?.reason == reason
        }
    }

    @Test func firstPacketMustBeAConnectOfAKnownLevel() throws {
        var decoder = MQTTPacketDecoder()
        var publish = ByteBuffer(bytes: [0x30, 0x03, 0x00, 0x01, 0x74])
        #expect(throws: MQTTProtocolError.self) { try decoder.decodeFrame(&publish) }
        var level7 = ByteBuffer(bytes: [0x10, 0x0A, 0x00, 0x04] + Array("MQTT".utf8) + [0x07, 0x02, 0x00, 0x3C])
        #expect { try decoder.decodeFrame(&level7) } throws: { error in
            (error as? MQTTProtocolError)?.reason == MQTTReasonCode.unsupportedProtocolVersion
        }
    }
}

/// Bytes no client should send: the decoder decodes them or refuses them with a reason, and never traps or spins.
@Suite struct MQTTDecoderRobustnessTests {

    /// Valid packets of both versions, to mutate.
    static let seeds: [(MQTTVersion, [UInt8])] = MQTTCodecTests.roundTrips.map { packet, version in
        var buffer = ByteBuffer()
        packet.encode(version: version, into: &buffer)
        return (version, Array(buffer.readableBytesView))
    }

    /// A CONNECT with everything in it, to mutate as a connection's first packet.
    static let fullConnect: [UInt8] = {
        var connect = MQTTConnect(
            version: .v5, clientID: "device-1", cleanStart: false, keepalive: 30, username: "u", password: [1, 2],
            will: MQTTMessage(
                topic: "w", payload: [9], qos: 1, retain: true,
                properties: [MQTTProperty(id: MQTTProperty.contentType, value: .string("t"))]))
        connect.properties = [MQTTProperty(id: MQTTProperty.sessionExpiry, value: .fourBytes(60))]
        var buffer = ByteBuffer()
        MQTTPacket.connect(connect).encode(version: .v5, into: &buffer)
        return Array(buffer.readableBytesView)
    }()

    /// Feeds a stream to a decoder (one that has seen CONNECT at `version`, or a fresh one), until it needs more bytes
    /// or refuses.
    func feed(_ bytes: [UInt8], after version: MQTTVersion?) -> Bool {
        var decoder = MQTTPacketDecoder()
        if let version {
            var connect = ByteBuffer()
            MQTTPacket.connect(MQTTConnect(version: version, clientID: "c", cleanStart: true, keepalive: 30)).encode(
                version: version, into: &connect)
            guard (try? decoder.decodeFrame(&connect)) != nil else { return false }
        }
        var buffer = ByteBuffer(bytes: bytes)
        for _ in 0..<(bytes.count + 1) {
            do {
                guard try decoder.decodeFrame(&buffer) != nil else { return true }
            } catch is MQTTProtocolError {
                return true
            } catch {
                return false  // only protocol errors may come out
            }
        }
        return false  // every decoded packet consumes bytes: more rounds than bytes means it spins
    }

    @Test(arguments: [11, 12])
    func mutatedFirstPacketsAreHandled(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        for _ in 0..<5_000 {
            var bytes = Self.fullConnect
            for _ in 0...random.below(3) { bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next()) }
            if random.below(3) == 0 { bytes = Array(bytes.prefix(random.below(bytes.count + 1))) }
            #expect(feed(bytes, after: nil), "seed \(seed): \(bytes)")
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func mutatedAndRandomInputAreHandled(_ seed: UInt64) {
        var random = SplitMix64(state: seed)
        for _ in 0..<5_000 {
            var (version, bytes) = Self.seeds[random.below(Self.seeds.count)]
            switch random.below(4) {
            case 0:  // flip bytes
                for _ in 0...random.below(4) {
                    bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
                }
            case 1:  // cut short or run on
                bytes =
                    Array(bytes.prefix(random.below(bytes.count + 1)))
                    + (0..<random.below(8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            case 2:  // two packets glued, one damaged
                bytes += Self.seeds[random.below(Self.seeds.count)].1
                bytes[random.below(bytes.count)] ^= 0xFF
            default:  // noise
                bytes = (0..<random.below(64)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                version = random.below(2) == 0 ? .v311 : .v5
            }
            #expect(feed(bytes, after: version), "seed \(seed): \(bytes)")
        }
    }
}
