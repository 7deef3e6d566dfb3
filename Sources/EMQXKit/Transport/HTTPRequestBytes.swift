import NIOCore

/// An HTTP/1.1 request as the bytes that go on the wire.
enum HTTPRequestBytes {
    /// The request line, `Host`, the request's headers, the body's length and the body.
    ///
    /// - Throws: `invalidArgument` for a header that cannot be sent as it is (a name that is not a token, a value
    ///   holding a line break or a NUL, which would let it add headers of its own) or a target holding a blank.
    static func make(
        _ request: TransportRequest, target: String, host: String, allocator: ByteBufferAllocator
    ) throws(EMQXError) -> ByteBuffer {
        guard !target.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw EMQXError(.invalidArgument, "the request's path holds a blank or a control character")
        }
        var buffer = allocator.buffer(capacity: 256 + (request.body?.count ?? 0))
        buffer.writeString(request.method.rawValue)
        buffer.writeString(" ")
        buffer.writeString(target)
        buffer.writeString(" HTTP/1.1\r\nHost: ")
        buffer.writeString(host)
        buffer.writeString("\r\n")
        for header in request.headers {
            guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
                throw EMQXError(.invalidArgument, "the header name '\(header.name)' is not a valid HTTP header name")
            }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw EMQXError(.invalidArgument, "the value of the header '\(header.name)' holds a line break")
            }
            // The body's length is the transport's to write (below), never a caller's.
            if header.name.utf8.count == 14, header.name.lowercased() == "content-length" { continue }
            buffer.writeString(header.name)
            buffer.writeString(": ")
            buffer.writeString(header.value)
            buffer.writeString("\r\n")
        }
        if let body = request.body {
            buffer.writeString("Content-Length: \(body.count)\r\n\r\n")
            buffer.writeBytes(body)
        } else if request.method == .post || request.method == .put || request.method == .patch {
            buffer.writeString("Content-Length: 0\r\n\r\n")
        } else {
            buffer.writeString("\r\n")
        }
        return buffer
    }

    /// RFC 9110's `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
