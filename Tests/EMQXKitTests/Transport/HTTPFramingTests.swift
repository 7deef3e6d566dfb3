import EMQXKit
import EMQXTestSupport
import Testing

/// The client against loopback servers that frame their answers every way HTTP/1.1 allows, over real sockets.
@Suite(.timeLimit(.minutes(1)))
struct HTTPFramingTests {
    static let nodes = #"[{"node":"emqx@127.0.0.1","version":"5.8.1"}]"#

    static func transport(_ server: FaultServer, read: Duration = .seconds(10)) throws -> NIOHTTPTransport {
        let deployment = try Deployment(
            name: "framing", url: server.url, credentials: Credentials(appID: "key", secret: "framing-secret"),
            generation: .fixed(.v5), timeouts: Timeouts(connect: .seconds(2), read: read, total: .seconds(5)))
        return try NIOHTTPTransport(deployment: deployment)
    }

    static func chunked(_ body: String) -> String {
        let bytes = Array(body.utf8)
        let cut = bytes.count / 2
        return "\(String(cut, radix: 16))\r\n\(String(decoding: bytes[..<cut], as: UTF8.self))\r\n"
            + "\(String(bytes.count - cut, radix: 16));ext=1\r\n\(String(decoding: bytes[cut...], as: UTF8.self))\r\n"
            + "0\r\nX-Checksum: none\r\n\r\n"
    }

    static let answers: [(String, String, Bool)] = [
        ("chunks", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(nodes), false),
        ("the connection's end", "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + nodes, true),
        (
            "100 Continue first",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: \(nodes.utf8.count)\r\n\r\n" + nodes, false
        ),
        ("bare line feeds", "HTTP/1.1 200 OK\nContent-Length: \(nodes.utf8.count)\n\n" + nodes, false),
        ("HTTP/1.0", "HTTP/1.0 200 OK\r\nContent-Length: \(nodes.utf8.count)\r\n\r\n" + nodes, true),
    ]

    @Test(arguments: answers)
    func everyFramingGivesTheWholeBodyAgainAndAgain(_ name: String, _ answer: String, _ thenClose: Bool) async throws {
        let server = try FaultServer(answering: answer, thenClose: thenClose)
        defer { server.stop() }
        let transport = try Self.transport(server)
        // Three in a row: a kept-alive connection is used again, a closed one replaced.
        for _ in 0..<3 {
            let response = try await transport.send(TransportRequest(method: .get, url: server.url + "/nodes"))
            #expect(response.status == 200, "\(name)")
            #expect(String(decoding: response.body, as: UTF8.self) == Self.nodes, "\(name)")
        }
        await transport.shutdown()
        #expect(server.requestLines == Array(repeating: "GET /api/v5/nodes", count: 3))
    }

    @Test func aServerSilentPastTheReadLimitTimesOut() async throws {
        // The head and a part of the body, then nothing, the connection left open.
        let server = try FaultServer(answering: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n[{", thenClose: false)
        defer { server.stop() }
        let transport = try Self.transport(server, read: .milliseconds(300))
        let error = await #expect(throws: EMQXError.self) {
            _ = try await transport.send(TransportRequest(method: .get, url: server.url + "/nodes"))
        }
        // The read limit's error, not the total limit's (five seconds): whichever fires first ends the exchange. No
        // clock here: on a busy test run the awaiting task may resume seconds after either.
        #expect(error?.code == .timeout)
        #expect(error?.description.contains("the read time limit") == true, "\(String(describing: error))")
        await transport.shutdown()
    }

    @Test func aHeadCutByTheConnectionsEndIsNotAnAnswerNotSeen() async throws {
        let server = try FaultServer(answering: "HTTP/1.1 200 OK\r\nContent-", thenClose: true)
        defer { server.stop() }
        let transport = try Self.transport(server)
        let error = await #expect(throws: EMQXError.self) {
            _ = try await transport.send(TransportRequest(method: .get, url: server.url + "/nodes"))
        }
        #expect(error?.description.contains("before the whole answer arrived") == true, "\(String(describing: error))")
        await transport.shutdown()
    }

    static let unsendable: [(HTTPHeader, String)] = [
        (HTTPHeader("X-Note", "a\r\nX-Injected: 1"), "the value of the header 'X-Note' holds a line break"),
        (HTTPHeader("X-Note", "a\nb"), "holds a line break"),
        (HTTPHeader("Bad Name", "1"), "the header name 'Bad Name' is not a valid HTTP header name"),
        (HTTPHeader("", "1"), "is not a valid HTTP header name"),
    ]

    @Test(arguments: unsendable)
    func aHeaderThatWouldAddHeadersIsRefusedBeforeAnythingIsSent(_ header: HTTPHeader, _ message: String) async throws {
        let server = try FaultServer(answering: "HTTP/1.1 204 No Content\r\n\r\n", thenClose: false)
        defer { server.stop() }
        let transport = try Self.transport(server)
        let error = await #expect(throws: EMQXError.self) {
            _ = try await transport.send(
                TransportRequest(method: .get, url: server.url + "/nodes", headers: [header]))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.description.contains(message) == true, "\(String(describing: error))")
        #expect(server.requests.isEmpty)
        await transport.shutdown()
    }

    @Test func theRequestIsWrittenAsHTTP11WithTheBodysOwnLength() async throws {
        let server = try FaultServer(answering: "HTTP/1.1 204 No Content\r\n\r\n", thenClose: false)
        defer { server.stop() }
        let transport = try Self.transport(server)
        // A caller's Content-Length is never sent: the transport writes the body's own.
        let stale = HTTPHeader("Content-Length", "99")
        for (method, body): (HTTPMethod, [UInt8]?) in [(.post, Array(#"{"a":1}"#.utf8)), (.post, nil), (.get, nil)] {
            let request = TransportRequest(
                method: method, url: server.url + "/banned?x=1", headers: [stale], body: body)
            #expect(try await transport.send(request).status == 204)
        }
        await transport.shutdown()
        let host = "127.0.0.1:\(server.port)"
        #expect(
            server.requests == [
                "POST /api/v5/banned?x=1 HTTP/1.1\r\nHost: \(host)\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
                "POST /api/v5/banned?x=1 HTTP/1.1\r\nHost: \(host)\r\nContent-Length: 0\r\n\r\n",
                "GET /api/v5/banned?x=1 HTTP/1.1\r\nHost: \(host)\r\n\r\n",
            ])
    }
}
