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
}
