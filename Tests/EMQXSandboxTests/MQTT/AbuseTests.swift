import EMQXMQTT
import Foundation
import Testing

@testable import EMQXSandbox

/// The sandbox against clients that mean harm, over raw sockets: it stays bounded and keeps serving everyone else.
@Suite(.timeLimit(.minutes(2)))
struct AbuseTests {
    static func sandbox(_ adjust: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> Sandbox {
        var configuration = SandboxConfiguration(useTLS: false, mqttTLSPort: nil)
        adjust(&configuration)
        let sandbox = try Sandbox(configuration: configuration)
        try await sandbox.start()
        return sandbox
    }

    @Test func aClientThatNeverAcknowledgesCannotExhaustPacketIdentifiers() async throws {
        let sandbox = try await Self.sandbox()
        defer { Task { await sandbox.stop() } }
        // MQTT 3.1.1, then MQTT 5 with Receive Maximum 5: both subscribe at QoS 1 and never answer a PUBLISH.
        let silent = try RawSocket(port: sandbox.mqttPort)
        try silent.send(RawMQTT.connect(clientID: "silent", version: 4, cleanStart: false))
        #expect(try await silent.receive(4) == [0x20, 2, 0, 0])
        try silent.send(RawMQTT.subscribe(packetID: 1, filter: "flood/#", qos: 1))
        let bounded = try RawSocket(port: sandbox.mqttPort)
        try bounded.send(RawMQTT.connect(clientID: "bounded", version: 5, receiveMaximum: 5))
        _ = try await RawMQTT.readPacket(bounded)
        try bounded.send(RawMQTT.subscribe(packetID: 1, filter: "flood/#", qos: 1, version: 5))
        // Both SUBACKs (packet 1, QoS 1 granted) back: the subscriptions are in place.
        #expect(try await RawMQTT.readPacket(silent) == [0, 1, 1])
        #expect(try await RawMQTT.readPacket(bounded) == [0, 1, 0, 1])
        for index in 0..<70_000 {
            _ = await sandbox.state.publish(
                MQTTMessage(topic: "flood/\(index % 10)", payload: Array("m\(index)".utf8), qos: 1, retain: false))
        }
        let figures = await sandbox.state.sessions.mapValues(\.figures)
        #expect(figures["silent"]?.inflight == MQTTSession.defaultInflightWindow)
        #expect(figures["bounded"]?.inflight == 5)
        #expect(figures["silent"]?.queued == MQTTSession.queueLimit)
        #expect((figures["silent"]?.queueDropped ?? 0) > 60_000)
        // Everyone else is still served.
        let other = try RawSocket(port: sandbox.mqttPort)
        try other.send(RawMQTT.connect(clientID: "other", version: 4))
        #expect(try await other.receive(4) == [0x20, 2, 0, 0])
    }

    @Test func connectHasAnAbsoluteDeadlineThatTrickledBytesDoNotExtend() async throws {
        let sandbox = try await Self.sandbox { $0.mqttConnectTimeout = .seconds(1) }
        defer { Task { await sandbox.stop() } }
        let slow = try RawSocket(port: sandbox.mqttPort)
        let opened = ContinuousClock.now
        let connect = RawMQTT.connect(clientID: "slowloris", version: 4)
        var closed = false
        for byte in connect.dropLast() {
            if (try? slow.send([byte])) == nil {
                closed = true
                break
            }
            try await Task.sleep(for: .milliseconds(150))
            if ContinuousClock.now - opened > .seconds(4) { break }
        }
        if !closed { closed = (try? await slow.receive(1, timeout: 3)) == nil }
        #expect(closed, "the connection outlived its CONNECT deadline")
        #expect(ContinuousClock.now - opened >= .milliseconds(900))
    }

    @Test func idleAPIConnectionsAreClosedAndTheirNumberIsCapped() async throws {
        let sandbox = try await Self.sandbox {
            $0.httpIdleTimeout = .seconds(1)
            $0.maximumHTTPConnections = 4
        }
        defer { Task { await sandbox.stop() } }
        // Each held connection is answered once, so the server surely counts it; then it goes quiet.
        var held: [RawSocket] = []
        for _ in 0..<4 {
            let socket = try RawSocket(port: sandbox.port)
            try socket.send(Array("GET /api/v5/status HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(try await socket.receiveHTTPResponse().hasPrefix("HTTP/1.1 200"))
            held.append(socket)
        }
        let extra = try RawSocket(port: sandbox.port)
        #expect((try? await extra.receive(1, timeout: 2)) == nil, "a connection past the cap is closed at once")
        // The held ones say nothing: the idle timeout closes them.
        #expect((try? await held[0].receive(1, timeout: 4)) == nil)
        held.removeAll()
        // Once the server has seen them close, a new connection is served again.
        var answer = ""
        for _ in 0..<50 where !answer.hasPrefix("HTTP/1.1 200") {
            guard let fresh = try? RawSocket(port: sandbox.port) else { continue }
            try? fresh.send(Array("GET /api/v5/status HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            answer = String(decoding: (try? await fresh.receive(12, timeout: 1)) ?? [], as: UTF8.self)
        }
        #expect(answer.hasPrefix("HTTP/1.1 200"))
    }

    @Test func retainedMessagesAndTheDeliveryLogAreBoundedInBytes() async throws {
        let sandbox = try await Self.sandbox()
        defer { Task { await sandbox.stop() } }
        let megabyte = [UInt8](repeating: 0x41, count: 1 << 20)
        for index in 0..<100 {
            _ = await sandbox.state.publish(MQTTMessage(topic: "big/\(index)", payload: megabyte, qos: 0, retain: true))
        }
        let limits = SandboxLimits()
        #expect(await sandbox.state.retained.bytes <= limits.retainedBytes)
        #expect(await sandbox.state.retained.count < 100)
        #expect(await sandbox.state.retained.count > 50)
        // Clearing one makes room for another.
        _ = await sandbox.state.publish(MQTTMessage(topic: "big/0", payload: [], qos: 0, retain: true))
        _ = await sandbox.state.publish(MQTTMessage(topic: "big/new", payload: megabyte, qos: 0, retain: true))
        #expect(await sandbox.state.retained["big/new"] != nil)
        #expect(await sandbox.state.delivered.bytes <= limits.deliveryLogBytes)
    }

    @Test func oneClientsSubscriptionsAreCapped() async throws {
        let sandbox = try await Self.sandbox()
        defer { Task { await sandbox.stop() } }
        let greedy = try RawSocket(port: sandbox.mqttPort)
        try greedy.send(RawMQTT.connect(clientID: "greedy", version: 5))
        _ = try await RawMQTT.readPacket(greedy)  // CONNACK, with its properties
        var refused = 0
        for batch in 0..<3 {
            let filters = (0..<1000).map { "greedy/\(batch)/\($0)/" + String(repeating: "x", count: 400) }
            try greedy.send(RawMQTT.subscribe(packetID: UInt16(batch + 1), filters: filters, qos: 0, version: 5))
            let suback = try await RawMQTT.readPacket(greedy)
            refused += suback.suffix(1000).filter { $0 == 0x97 }.count
        }
        #expect(refused > 300, "past 1 MiB of filters (or 10,000 of them) a SUBSCRIBE is refused with 0x97")
        let count = await sandbox.state.clients["greedy"]?.subscriptions.count ?? 0
        #expect(count <= SandboxLimits().subscriptionsPerClient)
    }
}

/// A blocking loopback socket with timeouts, for speaking raw protocol bytes.
final class RawSocket: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                Foundation.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard written > 0 else { throw POSIXError(.EPIPE) }
            offset += written
        }
    }

    /// Exactly `count` bytes within `timeout` seconds; throws when the peer closes or time runs out.
    ///
    /// Waits on a thread of its own: the sandbox's state runs on the cooperative pool, which a blocking
    /// read there could starve.
    func receive(_ count: Int, timeout: Int = 5) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try self.receiveBlocking(count, timeout: timeout) }) }.start()
        }
    }

    /// One whole HTTP response (headers, then a body of its Content-Length), as text.
    func receiveHTTPResponse(timeout: Int = 5) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        var head: [UInt8] = []
                        while head.suffix(4) != [13, 10, 13, 10] {
                            head += try self.receiveBlocking(1, timeout: timeout)
                        }
                        let text = String(decoding: head, as: UTF8.self)
                        let length =
                            text.lowercased().firstMatch(of: /content-length: *(\d+)/).flatMap { Int($0.1) } ?? 0
                        let body = length > 0 ? try self.receiveBlocking(length, timeout: timeout) : []
                        return text + String(decoding: body, as: UTF8.self)
                    })
            }.start()
        }
    }

    private func receiveBlocking(_ count: Int, timeout: Int) throws -> [UInt8] {
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: count)
        while result.count < count {
            let got = recv(descriptor, &chunk, count - result.count, 0)
            guard got > 0 else { throw POSIXError(got == 0 ? .ECONNRESET : .ETIMEDOUT) }
            result += chunk[0..<got]
        }
        return result
    }
}

/// MQTT packets written byte by byte, as a hostile client would.
enum RawMQTT {
    static func string(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        return [UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes
    }

    static func packet(_ header: UInt8, _ body: [UInt8]) -> [UInt8] {
        var length = body.count
        var encoded: [UInt8] = []
        repeat {
            var digit = UInt8(length % 128)
            length /= 128
            if length > 0 { digit |= 0x80 }
            encoded.append(digit)
        } while length > 0
        return [header] + encoded + body
    }

    static func connect(
        clientID: String, version: UInt8, cleanStart: Bool = true, receiveMaximum: UInt16? = nil
    ) -> [UInt8] {
        var body = string("MQTT") + [version, cleanStart ? 0x02 : 0x00, 0, 60]
        if version == 5 {
            let properties: [UInt8] = receiveMaximum.map { [0x21, UInt8($0 >> 8), UInt8($0 & 0xFF)] } ?? []
            body += [UInt8(properties.count)] + properties
        }
        return packet(0x10, body + string(clientID))
    }

    static func subscribe(packetID: UInt16, filter: String, qos: UInt8, version: UInt8 = 4) -> [UInt8] {
        subscribe(packetID: packetID, filters: [filter], qos: qos, version: version)
    }

    static func subscribe(packetID: UInt16, filters: [String], qos: UInt8, version: UInt8 = 4) -> [UInt8] {
        var body: [UInt8] = [UInt8(packetID >> 8), UInt8(packetID & 0xFF)]
        if version == 5 { body.append(0) }
        for filter in filters { body += string(filter) + [qos] }
        return packet(0x82, body)
    }

    /// One whole packet (fixed header, length, body) from the socket; returns its body.
    static func readPacket(_ socket: RawSocket) async throws -> [UInt8] {
        _ = try await socket.receive(1)
        var length = 0
        var multiplier = 1
        while true {
            let byte = try await socket.receive(1)[0]
            length += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            if byte & 0x80 == 0 { break }
        }
        return try await socket.receive(length)
    }
}
