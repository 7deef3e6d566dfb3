import EMQXJSON
import EMQXMQTT
import EMQXShell
import NIOCore

@testable import EMQXKit
@testable import EMQXSandbox

/// The readers of outside input other than the language: each must answer every input with a value or an error.
enum FormatTargets {
    /// EMQXJSON: parse, and what parses must write and parse back to the same value.
    static func json(_ data: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes: data) else { return }
        let again = try? JSONParser.parse(JSONWriter.encode(value))
        precondition(again == value, "JSON did not round-trip")
    }

    /// config.toml and the typed reading of a deployment table.
    static func config(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? TOMLDocument.parse(text)
        _ = try? ShellConfiguration.parse(text, path: "fuzz.toml")
    }

    /// Recordings and Markdown tutorials.
    static func transcript(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        _ = try? TranscriptFile.parse(text, source: "fuzz")
        _ = try? MarkdownTranscript.parse(text, source: "fuzz.md")
    }

    /// A server's `WWW-Authenticate` header, then the answer to the first Digest challenge.
    static func digest(_ data: [UInt8]) {
        let header = String(decoding: data, as: UTF8.self)
        for challenge in DigestChallenge.parseAll(header) {
            _ = DigestAuthorization(username: "id", password: "secret", challenge: challenge)
                .headerValue(method: "GET", uri: "/api/v5/nodes", nonceCount: 1, clientNonce: "0a4f113b")
        }
    }

    /// The MQTT decoder, fed the bytes as they come until it needs more or refuses them.
    static func mqtt(_ data: [UInt8]) {
        var decoder = MQTTPacketDecoder()
        var buffer = ByteBuffer(bytes: data)
        while true {
            guard let frame = try? decoder.decodeFrame(&buffer) else { return }
            _ = frame.packet.name
        }
    }

    /// A server's HTTP answers: read whole, then cut in two where the first byte says, the events and any
    /// failure must be the same (what the parser makes may not depend on how the bytes arrive).
    static func http(_ data: [UInt8]) {
        func events(_ pieces: [ArraySlice<UInt8>]) -> [String] {
            var parser = HTTPResponseParser()
            var unread = ByteBuffer()
            var seen: [String] = []
            do {
                for piece in pieces {
                    unread.writeBytes(piece)
                    while let event = try parser.next(&unread) {
                        switch event {
                        case .head(let status, let headers, _): seen.append("head \(status) \(headers)")
                        case .body(let part): seen.append(contentsOf: part.readableBytesView.map { "byte \($0)" })
                        case .end(let keepAlive):
                            seen.append("end \(keepAlive)")
                            parser.expectAnswer()
                        }
                    }
                }
                if let end = try parser.readEnd() { seen.append("\(end)") }
            } catch {
                seen.append("failure")
            }
            return seen
        }
        let cut = data.isEmpty ? 0 : Int(data[0]) % (data.count + 1)
        let whole = events([data[...]])
        let split = events([data[..<cut], data[cut...]])
        // A failure may come sooner when fewer bytes have arrived; up to it, both read the same.
        precondition(
            whole == split || whole.last == "failure" && split.last == "failure",
            "the answer read differently when cut at \(cut)")
    }
}
