import NIOCore

/// Reads HTTP/1.0 and HTTP/1.1 responses from a connection's bytes as they arrive, however they are cut.
///
/// Written here rather than taken from NIOHTTP1 (whose decoder is llhttp behind three channel handlers): each
/// handler type a connection's pipeline holds, and each generic type the decoder is made of, costs the Swift
/// runtime a scan of every protocol conformance in the program on first use; together that was a fifth of a whole
/// one-request `emqxsh`. Debian's http-parser is unmaintained upstream.
///
/// It reads what a REST client meets: a status line, headers (at most ``maximumHeadBytes``), informational (1xx)
/// answers skipped, and a body framed by `Content-Length`, by chunks (extensions and trailers read past), or by the
/// connection's end. A line may end in CRLF or a bare LF, as llhttp allows.
struct HTTPResponseParser {
    /// What the bytes read so far make.
    enum Event {
        /// A final answer's status and headers, and its body's length when `Content-Length` frames it.
        case head(status: Int, headers: [HTTPHeader], bodyLength: Int?)
        /// Bytes of its body.
        case body(ByteBuffer)
        /// The whole answer has arrived; whether the connection may carry another request.
        case end(keepAlive: Bool)
    }

    /// Why the bytes are not an HTTP response, for the user.
    struct Failure: Error, Equatable {
        let message: String
    }

    /// The most bytes a head (or a chunk's trailers) may take.
    static let maximumHeadBytes = 80 * 1024
    /// What every status line starts with.
    static let versionPrefix = Array("HTTP/1.".utf8)
    /// The most bytes a chunk's size line may take, extensions included.
    static let maximumChunkLineBytes = 4 * 1024

    private enum State: Equatable {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunk(remaining: Int)
        case chunkEnd
        case trailers(read: Int)
        case untilClose
        /// The answer is whole: `.end` is the next event.
        case ending
        case done
    }

    private var state = State.head
    private var keepAlive = false
    /// How many of the unread bytes were searched for a line's or the head's end without finding it.
    private var scanned = 0

    /// Whether an answer has begun arriving and not yet ended.
    var isMidAnswer: Bool { state != .head && state != .done }

    /// Whether the last answer ended (and nothing of another has been read).
    var isDone: Bool { state == .done }

    /// Makes ready for the next answer on the connection.
    mutating func expectAnswer() {
        state = .head
        scanned = 0
    }

    /// The next event the bytes make, taking them off `buffer`; nil when it needs more bytes (what is left is the
    /// start of a line) or the answer has ended (bytes after it are left unread).
    ///
    /// One event per call, not a callback per event: what the caller does with one (completing the exchange,
    /// closing the connection) may end the connection, which reads its end here, while no read is under way.
    mutating func next(_ buffer: inout ByteBuffer) throws(Failure) -> Event? {
        while true {
            switch state {
            case .done:
                return nil
            case .ending:
                state = .done
                return .end(keepAlive: keepAlive)
            case _ where buffer.readableBytes == 0:
                return nil
            case .head:
                guard let head = try readHead(&buffer) else { return nil }
                if let head { return head }
            case .body(let remaining):
                let part = buffer.readSlice(length: min(remaining, buffer.readableBytes))!
                state = remaining == part.readableBytes ? .ending : .body(remaining: remaining - part.readableBytes)
                return .body(part)
            case .chunkSize:
                guard let line = try takeLine(&buffer, limit: Self.maximumChunkLineBytes, what: "a chunk's size")
                else { return nil }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers(read: 0) : .chunk(remaining: size)
            case .chunk(let remaining):
                let part = buffer.readSlice(length: min(remaining, buffer.readableBytes))!
                state = remaining == part.readableBytes ? .chunkEnd : .chunk(remaining: remaining - part.readableBytes)
                return .body(part)
            case .chunkEnd:
                // CRLF or LF, and nothing before it.
                let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self)
                if first == UInt8(ascii: "\r") {
                    guard buffer.readableBytes >= 2 else { return nil }
                    guard buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) == UInt8(ascii: "\n") else {
                        throw Failure(message: "a chunk is longer than its size says")
                    }
                    buffer.moveReaderIndex(forwardBy: 2)
                } else {
                    guard first == UInt8(ascii: "\n") else {
                        throw Failure(message: "a chunk is longer than its size says")
                    }
                    buffer.moveReaderIndex(forwardBy: 1)
                }
                state = .chunkSize
            case .trailers(let read):
                let before = buffer.readableBytes
                let limit = Self.maximumHeadBytes - read
                guard let line = try takeLine(&buffer, limit: limit, what: "the trailers") else { return nil }
                state = line.readableBytes == 0 ? .ending : .trailers(read: read + before - buffer.readableBytes)
            case .untilClose:
                return .body(buffer.readSlice(length: buffer.readableBytes)!)
            }
        }
    }

    /// The connection has ended: an answer framed by its end ends too (`.end`); any other answer begun is cut
    /// short (a failure).
    mutating func readEnd() throws(Failure) -> Event? {
        switch state {
        case .untilClose:
            state = .done
            return .end(keepAlive: false)
        case .head, .done: return nil
        default: throw Failure(message: "cut short")
        }
    }

    /// The next line, as ``line(in:limit:what:scanned:)`` takes it, searched for only past what was searched.
    private mutating func takeLine(_ buffer: inout ByteBuffer, limit: Int, what: String) throws(Failure) -> ByteBuffer?
    {
        let line = try Self.line(in: &buffer, limit: limit, what: what, scanned: scanned)
        scanned = line == nil ? buffer.readableBytes : 0
        return line
    }

    // MARK: The head

    /// Reads one head if it has all arrived: `.some(.head)`, or `.some(nil)` for a 1xx head read and skipped.
    private mutating func readHead(_ buffer: inout ByteBuffer) throws(Failure) -> Event?? {
        // Refused on its first bytes: a server that is not HTTP may send a line and wait, not a whole head.
        let seen = buffer.readableBytesView.prefix(Self.versionPrefix.count)
        guard seen.elementsEqual(Self.versionPrefix.prefix(seen.count)) else {
            throw Failure(message: "it starts with \(Self.quoted(buffer.readableBytesView))")
        }
        guard let length = Self.headLength(buffer.readableBytesView, scanned: scanned) else {
            scanned = buffer.readableBytes
            if buffer.readableBytes > Self.maximumHeadBytes {
                throw Failure(message: "its headers are longer than \(Self.maximumHeadBytes / 1024) KiB")
            }
            return nil
        }
        guard length <= Self.maximumHeadBytes else {
            throw Failure(message: "its headers are longer than \(Self.maximumHeadBytes / 1024) KiB")
        }
        scanned = 0
        var head = buffer.readSlice(length: length)!
        var lines: [ByteBuffer] = []
        while let line = try Self.line(in: &head, limit: length, what: "the head"), line.readableBytes > 0 {
            lines.append(line)
        }
        guard let first = lines.first else { throw Failure(message: "its status line is empty") }
        let (minorVersion, status) = try Self.statusLine(first)
        var headers: [HTTPHeader] = []
        headers.reserveCapacity(lines.count - 1)
        for line in lines.dropFirst() { headers.append(try Self.header(line)) }
        if (100..<200).contains(status) {
            guard status != 101 else { throw Failure(message: "the server switched protocols (101)") }
            return .some(nil)
        }
        let bodyLength = try frameBody(status: status, minorVersion: minorVersion, headers: headers)
        return .head(status: status, headers: headers, bodyLength: bodyLength)
    }

    /// How the body that follows a head is framed, and whether the connection stays open after it; the body's
    /// length when `Content-Length` frames it.
    private mutating func frameBody(
        status: Int, minorVersion: UInt8, headers: [HTTPHeader]
    ) throws(Failure) -> Int? {
        var connection: [String] = []
        var codings: [String] = []
        var lengths: [String] = []
        for header in headers {
            switch header.name.lowercased() {
            case "connection": connection += Self.tokens(header.value)
            case "transfer-encoding": codings += Self.tokens(header.value)
            case "content-length": lengths += Self.tokens(header.value)
            default: continue
            }
        }
        keepAlive = minorVersion >= 1 ? !connection.contains("close") : connection.contains("keep-alive")
        if status == 204 || status == 304 {
            state = .ending
            return nil
        }
        if !codings.isEmpty {
            // A length beside chunks is ignored, and the connection is not trusted after such an answer (RFC 9112 6.3).
            if !lengths.isEmpty { keepAlive = false }
            if codings.last == "chunked" {
                state = .chunkSize
            } else {
                keepAlive = false
                state = .untilClose
            }
            return nil
        }
        guard let first = lengths.first else {
            keepAlive = false
            state = .untilClose
            return nil
        }
        guard lengths.allSatisfy({ $0 == first }), first.utf8.count <= 18, first.utf8.allSatisfy(Self.isDigit),
            let length = Int(first)
        else {
            throw Failure(message: "its Content-Length is \(Self.quoted(Array(lengths.joined(separator: ", ").utf8)))")
        }
        state = length == 0 ? .ending : .body(remaining: length)
        return length
    }
}
