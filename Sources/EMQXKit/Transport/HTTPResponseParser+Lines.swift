import NIOCore

/// The pieces of an answer ``HTTPResponseParser`` reads: lines, the status line, headers, chunk sizes.
extension HTTPResponseParser {
    /// The bytes up to and including the empty line that ends a head, if it has arrived.
    ///
    /// The search starts a little before `scanned`, the bytes searched already: a head that arrives a byte at a
    /// time is not searched again from its start each time.
    static func headLength(_ bytes: ByteBufferView, scanned: Int) -> Int? {
        // An end straddling the last search's: its first newline is at most two bytes back.
        var index = bytes.startIndex + max(0, scanned - 2)
        while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
            var next = newline + 1
            if next < bytes.endIndex, bytes[next] == UInt8(ascii: "\r") { next += 1 }
            guard next < bytes.endIndex else { return nil }
            if bytes[next] == UInt8(ascii: "\n") { return next + 1 - bytes.startIndex }
            index = newline + 1
        }
        return nil
    }

    /// `HTTP/1.1 200 OK`: the minor version and the status.
    static func statusLine(_ line: ByteBuffer) throws(Failure) -> (UInt8, Int) {
        let bytes = Array(line.readableBytesView)
        // "HTTP/1.x SSS" then a space and a reason, or nothing.
        guard bytes.count >= 12, bytes[7] >= UInt8(ascii: "0"), bytes[7] <= UInt8(ascii: "9"),
            bytes[8] == UInt8(ascii: " "), bytes[9..<12].allSatisfy(isDigit),
            bytes.count == 12 || bytes[12] == UInt8(ascii: " ")
        else { throw Failure(message: "its status line is \(quoted(bytes))") }
        let status = bytes[9..<12].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard status >= 100 else { throw Failure(message: "its status line is \(quoted(bytes))") }
        return (bytes[7] - UInt8(ascii: "0"), status)
    }

    /// `Name: value`, the value without the blanks around it.
    static func header(_ line: ByteBuffer) throws(Failure) -> HTTPHeader {
        let bytes = line.readableBytesView
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex,
            bytes[..<colon].allSatisfy(HTTPRequestBytes.isTokenByte)
        else { throw Failure(message: "it has a header line \(quoted(bytes))") }
        let value = withoutBlanks(bytes[(colon + 1)...])
        guard !value.contains(0) else { throw Failure(message: "it has a header line \(quoted(bytes))") }
        return HTTPHeader(
            String(decoding: bytes[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// A header value's comma-separated items, lower-cased and without blanks; empty items left out.
    static func tokens(_ value: String) -> [String] {
        value.utf8.split(separator: UInt8(ascii: ",")).compactMap { token in
            let trimmed = withoutBlanks(token)
            return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self).lowercased()
        }
    }

    /// `bytes` without the spaces and tabs around them.
    static func withoutBlanks<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bytes
    where Bytes.SubSequence == Bytes {
        var bytes = bytes
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return bytes
    }

    /// A chunk's size line: hexadecimal digits, then perhaps blanks and `;extensions`.
    static func chunkSize(_ line: ByteBuffer) throws(Failure) -> Int {
        var size = 0
        var digits = 0
        for byte in line.readableBytesView {
            guard let digit = hexValue(byte) else {
                guard digits > 0, byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09 else { break }
                return size
            }
            digits += 1
            // Fifteen hexadecimal digits are more than any answer; more would overflow.
            guard digits <= 15 else { throw Failure(message: "a chunk's size is too large") }
            size = size << 4 | digit
        }
        guard digits > 0, digits == line.readableBytes else {
            throw Failure(message: "a chunk's size line is \(quoted(line.readableBytesView))")
        }
        return size
    }

    /// The next line's bytes without its end (CRLF or LF), taken off `buffer`; nil until the line has ended. The
    /// first `scanned` bytes are known to hold no line feed.
    static func line(
        in buffer: inout ByteBuffer, limit: Int, what: String, scanned: Int = 0
    ) throws(Failure) -> ByteBuffer? {
        guard let newline = buffer.readableBytesView.dropFirst(scanned).firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > limit { throw Failure(message: "\(what) is longer than \(limit) bytes") }
            return nil
        }
        let length = newline - buffer.readerIndex
        guard length <= limit else { throw Failure(message: "\(what) is longer than \(limit) bytes") }
        let carriageReturn = length > 0 && buffer.getInteger(at: newline - 1, as: UInt8.self) == UInt8(ascii: "\r")
        let line = buffer.readSlice(length: carriageReturn ? length - 1 : length)!
        buffer.moveReaderIndex(forwardBy: carriageReturn ? 2 : 1)
        return line
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Bytes shown in a message: printable ASCII as it is, anything else as `\xNN`, at most 40 of them.
    static func quoted(_ bytes: some Collection<UInt8>) -> String {
        var text = "'"
        for byte in bytes.prefix(40) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "'") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return text + (bytes.count > 40 ? "…'" : "'")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
