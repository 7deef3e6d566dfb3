import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// A loopback server that pages N made-up clients the way EMQX does, for the bench's big-deployment runs.
///
/// Plain HTTP on 127.0.0.1, any credentials. `GET /api/v5/clients?page&limit` and `GET /api/v4/clients?_page&_limit`
/// answer with each generation's envelope and paging meta; pages are written as they are asked for, so a million
/// clients cost no memory here. `DELETE …/clients/:id` answers after `kickLatency`, the time a kick takes on a
/// real deployment across a network (the bench's parallel kicks are measured against it).
struct SyntheticDeployment {
    let clientCount: Int
    let kickLatency: Duration

    /// Serves until the process is terminated; prints the v5 and v4 base URLs once listening.
    func run() async throws {
        let router = Router()
        router.get("api/v5/clients") { request, _ in
            page(request, pageKey: "page", limitKey: "limit", v4: false)
        }
        router.get("api/v4/clients") { request, _ in
            page(request, pageKey: "_page", limitKey: "_limit", v4: true)
        }
        router.delete("api/v5/clients/:clientid") { _, _ in
            try await Task.sleep(for: kickLatency)
            return Response(status: .noContent)
        }
        router.delete("api/v4/clients/:clientid") { _, _ in
            try await Task.sleep(for: kickLatency)
            return json(#"{"code":0}"#)
        }
        var logger = Logger(label: "emqxsh.bench.synthetic")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                FileHandle.standardOutput.write(
                    Data("http://127.0.0.1:\(port)/api/v5 http://127.0.0.1:\(port)/api/v4\n".utf8))
            },
            logger: logger
        )
        try await app.runService(gracefulShutdownSignals: [])
    }

    private func page(_ request: Request, pageKey: String, limitKey: String, v4: Bool) -> Response {
        let query = request.uri.queryParameters
        let number = max(1, query.get(pageKey, as: Int.self) ?? 1)
        let limit = min(10_000, max(1, query.get(limitKey, as: Int.self) ?? 100))
        let first = (number - 1) * limit
        let end = min(clientCount, first + limit)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(max(0, end - first) * 1_000 + 200)
        buffer.writeString(v4 ? #"{"code":0,"data":["# : #"{"data":["#)
        if first < end {
            for index in first..<end {
                if index > first { buffer.writeString(",") }
                Self.writeClient(index, to: &buffer)
            }
        }
        let hasNext = end < clientCount
        buffer.writeString(
            #"],"meta":{"page":\#(number),"limit":\#(limit),"hasnext":\#(hasNext),"count":\#(clientCount)}}"#)
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }

    private func json(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// One client with the fields EMQX 5 lists (about 900 bytes), varied by its index; written piece by piece
    /// (no strings built), so the server outpaces any client that reads it.
    static func writeClient(_ index: Int, to buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"clientid":"device-"#)
        buffer.writeDecimal(index)
        buffer.writeStaticString(#"","username":"user-"#)
        buffer.writeDecimal(index % 1000)
        buffer.writeStaticString(#"","ip_address":"10."#)
        buffer.writeDecimal(index >> 16 & 255)
        buffer.writeStaticString(".")
        buffer.writeDecimal(index >> 8 & 255)
        buffer.writeStaticString(".")
        buffer.writeDecimal(index & 255)
        buffer.writeStaticString(#"","port":"#)
        buffer.writeDecimal(10_000 + index % 50_000)
        buffer.writeStaticString(#","node":"emqx@10.0.0.1","connected":"#)
        buffer.writeStaticString(index % 10 != 0 ? "true" : "false")
        for key in [#","connected_at":"2026-11-30T10:"#, #","created_at":"2026-11-30T10:"#] {
            buffer.writeString(key)
            buffer.writeDecimal(index / 60 % 60, digits: 2)
            buffer.writeStaticString(":")
            buffer.writeDecimal(index % 60, digits: 2)
            buffer.writeStaticString(#".000+00:00""#)
        }
        buffer.writeStaticString(#","keepalive":60,"clean_start":"#)
        buffer.writeStaticString(index % 2 == 0 ? "true" : "false")
        buffer.writeStaticString(#","expiry_interval":0,"proto_name":"MQTT","proto_ver":"#)
        buffer.writeDecimal(index % 3 == 0 ? 4 : 5)
        buffer.writeStaticString(#","is_bridge":false,"subscriptions_cnt":"#)
        buffer.writeDecimal(index % 7)
        buffer.writeStaticString(#","subscriptions_max":"infinity","inflight_cnt":0,"inflight_max":32,"mqueue_len":"#)
        buffer.writeDecimal(index % 5)
        buffer.writeStaticString(#","mqueue_max":1000,"mqueue_dropped":0,"awaiting_rel_cnt":0,"awaiting_rel_max":100"#)
        let counters: [(String, Int)] = [
            ("recv_oct", index * 37 % 1_000_000), ("recv_cnt", index % 9000), ("recv_pkt", index % 9000),
            ("recv_msg", index % 8000), ("send_oct", index * 53 % 1_000_000), ("send_cnt", index % 7000),
            ("send_pkt", index % 7000), ("send_msg", index % 6000), ("heap_size", 600 + index % 400),
            ("reductions", index * 11 % 100_000), ("recv_msg.qos0", index % 100), ("send_msg.qos0", index % 90),
        ]
        for (key, value) in counters {
            buffer.writeStaticString(#",""#)
            buffer.writeString(key)
            buffer.writeStaticString(#"":"#)
            buffer.writeDecimal(value)
        }
        buffer.writeStaticString(
            #","mailbox_len":0,"listener":"tcp:default","mountpoint":null,"enable_authn":true,"is_expired":false,"#)
        buffer.writeStaticString(
            #""zone":"default","recv_msg.qos1":0,"recv_msg.qos2":0,"recv_msg.dropped":0,"send_msg.qos1":0,"#)
        buffer.writeStaticString(#""send_msg.qos2":0,"send_msg.dropped":0}"#)
    }
}

extension ByteBuffer {
    /// Writes a non-negative integer in decimal, zero-padded to `digits`.
    fileprivate mutating func writeDecimal(_ value: Int, digits: Int = 1) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            var position = bytes.count
            var rest = value
            repeat {
                position -= 1
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || bytes.count - position < digits
            writeBytes(UnsafeRawBufferPointer(rebasing: bytes[position...]))
        }
    }
}
