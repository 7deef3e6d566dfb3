import NIOCore
import Testing

@testable import EMQXKit

/// HTTP/1.x answers as the client reads them: every framing, cut at every byte, and what is not HTTP named.
@Suite struct HTTPResponseParserTests {
    /// What one answer read to its end gives.
    struct Answer: Equatable, CustomStringConvertible {
        var status: Int
        var headers: [String]
        var body: String
        var keepAlive: Bool
        var description: String { "\(status) \(headers) \(body.debugDescription) keepAlive: \(keepAlive)" }
    }

    /// Reads `pieces` one after another, as reads from a connection, then (if `closed`) the connection's end.
    static func read(_ pieces: [String], closed: Bool = false) -> Result<[Answer], HTTPResponseParser.Failure> {
        var parser = HTTPResponseParser()
        var answers: [Answer] = []
        var current: Answer?
        var unread = ByteBuffer()
        func take(_ event: HTTPResponseParser.Event) {
            switch event {
            case .head(let status, let headers, _):
                current = Answer(
                    status: status, headers: headers.map { "\($0.name)=\($0.value)" }, body: "", keepAlive: false)
            case .body(let part): current?.body += String(buffer: part)
            case .end(let keepAlive):
                current?.keepAlive = keepAlive
                answers.append(current!)
                current = nil
                parser.expectAnswer()
            }
        }
        do {
            for piece in pieces {
                unread.writeString(piece)
                while let event = try parser.next(&unread) { take(event) }
            }
            if closed, let end = try parser.readEnd() { take(end) }
        } catch {
            return .failure(error)
        }
        return .success(answers)
    }

    static let framed: [(String, String, [Answer], Bool)] = [
        (
            "length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: application/json\r\n\r\n[1,2]",
            [
                Answer(
                    status: 200, headers: ["Content-Length=5", "Content-Type=application/json"], body: "[1,2]",
                    keepAlive: true)
            ],
            false
        ),
        (
            "chunks with extensions and trailers",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value\r\nabc\r\nA\r\n0123456789\r\n"
                + "0\r\nX-Trailer: 1\r\n\r\n",
            [Answer(status: 200, headers: ["Transfer-Encoding=chunked"], body: "abc0123456789", keepAlive: true)], false
        ),
        (
            "the connection's end", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end",
            [Answer(status: 200, headers: ["Content-Type=text/plain"], body: "to the end", keepAlive: false)], true
        ),
        (
            "an informational answer first",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n",
            [Answer(status: 204, headers: [], body: "", keepAlive: true)], false
        ),
        (
            "bare line feeds and blanks around values", "HTTP/1.1 404 Not Found\nContent-Length:  2 \n\n{}",
            [Answer(status: 404, headers: ["Content-Length=2"], body: "{}", keepAlive: true)], false
        ),
        (
            "HTTP/1.0 closes unless asked", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n",
            [Answer(status: 200, headers: ["Content-Length=0"], body: "", keepAlive: false)], false
        ),
        (
            "HTTP/1.0 kept alive", "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx",
            [Answer(status: 200, headers: ["Connection=Keep-Alive", "Content-Length=1"], body: "x", keepAlive: true)],
            false
        ),
        (
            "Connection: close", "HTTP/1.1 200 OK\r\nconnection: upgrade, close\r\ncontent-length: 1\r\n\r\nx",
            [
                Answer(
                    status: 200, headers: ["connection=upgrade, close", "content-length=1"], body: "x", keepAlive: false
                )
            ],
            false
        ),
        (
            "chunks win over a length, and the connection is not trusted after",
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n",
            [
                Answer(
                    status: 200, headers: ["Content-Length=99", "Transfer-Encoding=gzip, chunked"], body: "x",
                    keepAlive: false)
            ], false
        ),
        (
            "a repeated equal length, a reason with spaces, a 304 without a body",
            "HTTP/1.1 304 Not Modified At All\r\nContent-Length: 7, 7\r\n\r\n",
            [Answer(status: 304, headers: ["Content-Length=7, 7"], body: "", keepAlive: true)], false
        ),
        (
            "two answers back to back on one connection",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
                + "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1\r\n\r\nb",
            [
                Answer(status: 200, headers: ["Content-Length=1"], body: "a", keepAlive: true),
                Answer(status: 500, headers: ["Content-Length=1"], body: "b", keepAlive: true),
            ], false
        ),
    ]

    @Test(arguments: framed)
    func eachFramingReadsTheSameHoweverTheBytesArrive(
        _ name: String, _ text: String, _ expected: [Answer], _ closed: Bool
    ) throws {
        #expect(try Self.read([text], closed: closed).get() == expected, "\(name), whole")
        let bytes = Array(text.utf8)
        // One byte per read.
        let single = bytes.map { String(decoding: [$0], as: UTF8.self) }
        #expect(try Self.read(single, closed: closed).get() == expected, "\(name), byte by byte")
        // Cut in two at every place.
        for cut in 0...bytes.count {
            let pieces = [
                String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self),
            ]
            #expect(try Self.read(pieces, closed: closed).get() == expected, "\(name), cut at \(cut)")
        }
    }

    static let broken: [(String, String, String)] = [
        // Refused on the first byte that is not HTTP's: byte by byte, that is the only one seen.
        ("not HTTP", "SSH-2.0-OpenSSH_9.2\r\n", "it starts with 'S"),
        ("not HTTP on its first bytes", "HTTX", "it starts with 'HTTX'"),
        ("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "it starts with 'P"),
        ("a status of two digits", "HTTP/1.1 20 OK\r\n\r\n", "its status line is 'HTTP/1.1 20 OK'"),
        ("a header without a colon", "HTTP/1.1 200 OK\r\nBroken header\r\n\r\n", "a header line 'Broken header'"),
        ("a folded header", "HTTP/1.1 200 OK\r\nA: 1\r\n continued\r\n\r\n", "a header line ' continued'"),
        ("a blank in a header's name", "HTTP/1.1 200 OK\r\nContent Length: 1\r\n\r\n", "'Content Length: 1'"),
        ("a negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "its Content-Length is '-1'"),
        ("two lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "'1, 2'"),
        ("a huge length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "Content-Length is"),
        (
            "a chunk size that is not hexadecimal", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n",
            "a chunk's size line is 'xyz'"
        ),
        (
            "a chunk size past any answer", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n",
            "a chunk's size is too large"
        ),
        (
            "a chunk longer than it says", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n0\r\n\r\n",
            "a chunk is longer than its size says"
        ),
        (
            "a switch of protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
            "switched protocols"
        ),
    ]

    @Test(arguments: broken)
    func whatIsNotAnHTTPAnswerIsNamed(_ name: String, _ text: String, _ message: String) {
        for pieces in [[text], text.map { String($0) }] {
            guard case .failure(let failure) = Self.read(pieces) else {
                Issue.record("\(name) was read as an answer")
                continue
            }
            #expect(failure.message.contains(message), "\(name): \(failure.message)")
        }
    }

    @Test func whatArrivedIsShownWithItsControlCharacters() {
        guard case .failure(let failure) = Self.read(["SSH-2.0-OpenSSH_9.2\r\nthis is not HTTP\r\n"]) else {
            Issue.record("SSH was read as HTTP")
            return
        }
        #expect(failure.message == "it starts with 'SSH-2.0-OpenSSH_9.2\\x0D\\x0Athis is not HTTP\\x0D\\x0A'")
    }

    @Test func aHeadPastTheLimitIsRefusedBeforeItEnds() {
        let endless =
            "HTTP/1.1 200 OK\r\nX-Filler: " + String(repeating: "a", count: HTTPResponseParser.maximumHeadBytes)
        guard case .failure(let failure) = Self.read([endless]) else {
            Issue.record("an endless head was read")
            return
        }
        #expect(failure.message == "its headers are longer than 80 KiB")
    }

    @Test func anAnswerCutShortByTheConnectionsEndIsAFailure() throws {
        for text in [
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
        ] {
            guard case .failure(let failure) = Self.read([text], closed: true) else {
                Issue.record("'\(text)' was whole")
                continue
            }
            #expect(failure.message == "cut short")
        }
        // A head not yet whole is the caller's unread bytes: it tells that from nothing at all.
        #expect(try Self.read([], closed: true).get() == [])
        #expect(try Self.read(["HTTP/1.1 200 OK\r\nContent-"], closed: true).get() == [])
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n", 5 as Int?),
        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0),
        ("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nTransfer-Encoding: chunked\r\n\r\n", nil),
        ("HTTP/1.1 200 OK\r\n\r\n", nil),
        ("HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n", nil),
    ])
    func theHeadSaysTheBodysLengthOnlyWhenContentLengthFramesIt(_ text: String, _ length: Int?) throws {
        var parser = HTTPResponseParser()
        var buffer = ByteBuffer(string: text)
        guard case .head(_, _, let bodyLength) = try parser.next(&buffer) else {
            Issue.record("no head in '\(text)'")
            return
        }
        #expect(bodyLength == length, "\(text)")
    }

    @Test func bytesAfterAWholeAnswerAreLeftForTheCallerToSee() throws {
        var parser = HTTPResponseParser()
        var buffer = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxGARBAGE")
        var events = 0
        while try parser.next(&buffer) != nil { events += 1 }
        #expect(events == 3)
        #expect(parser.isDone)
        #expect(String(buffer: buffer) == "GARBAGE")
    }
}
