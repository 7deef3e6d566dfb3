import EMQXJSON
import EMQXKit
import EMQXScript
import Foundation

/// `publish`: one message, several, or a file of them.
enum PublishCommands {
    static let all: [any ShellCommand] = [
        Command(
            "publish", "publish a message through the API",
            example: #"publish sensors/1/cmd '{"reboot": true}' --qos 1 --retain"#,
            signature: CommandSignature(
                ["TOPIC", "[PAYLOAD]"], minimum: 0,
                flags: [
                    .init("qos", "0, 1 or 2 (default 0)"), .init("retain", value: false, "retain the message"),
                    .init("base64", value: false, "the payload is base64"),
                    .init("file", "read the payload from this file (sent as base64)"),
                    .init("bulk", "publish every message in this JSON file: [{topic, payload, qos, retain}, …]"),
                    .init("client-id", "the publisher's client id (v4; default emqxsh)"),
                    .init("property", repeatable: true, "MQTT 5 user property KEY=VALUE (repeatable)"),
                    .init("content-type", "MQTT 5 content type"), .init("expiry", "MQTT 5 message expiry, seconds"),
                    .init("response-topic", "MQTT 5 response topic"),
                    .init("correlation-data", "MQTT 5 correlation data"),
                ])
        ) { args, session in
            let client = try session.requireClient("publish")
            if let path = args.string("bulk") {
                let messages = try bulkMessages(path)
                let results = try await client.publish(messages)
                return .list(results.map(resultValue))
            }
            guard let topic = args.word(0) else { throw ShellError.usage("publish: missing TOPIC (or --bulk FILE)") }
            var payload = args.positionals.count > 1 ? payloadText(args.positionals[1]) : ""
            var encoding: PayloadEncoding = args.bool("base64") == true ? .base64 : .plain
            if let file = args.string("file") {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ShellError.usage("publish: cannot read \(file)")
                }
                payload = data.base64EncodedString()
                encoding = .base64
            }
            var userProperties: [String: String] = [:]
            for property in args.strings("property") {
                guard let equals = property.firstIndex(of: "=") else {
                    throw ShellError.usage("publish: --property takes KEY=VALUE, not '\(property)'")
                }
                userProperties[String(property[..<equals])] = String(property[property.index(after: equals)...])
            }
            let expiry = try args.int("expiry", command: "publish", in: 0...4_294_967_295)
            var properties: MessageProperties?
            if !userProperties.isEmpty || expiry != nil || args.has("content-type") || args.has("response-topic")
                || args.has("correlation-data")
            {
                properties = MessageProperties(
                    messageExpiryInterval: expiry, responseTopic: args.string("response-topic"),
                    correlationData: args.string("correlation-data"), contentType: args.string("content-type"),
                    userProperties: userProperties)
            }
            let message = PublishMessage(
                topic: topic, payload: payload, encoding: encoding,
                qos: try args.int("qos", command: "publish", in: 0...2) ?? 0,
                retain: args.bool("retain") ?? false, clientID: args.string("client-id"), properties: properties)
            return resultValue(try await client.publish(message))
        }
    ]

    /// A map or list payload is sent as its JSON text; anything else as its text.
    static func payloadText(_ value: Value) -> String {
        switch value {
        case .map, .list: return value.json.map(JSONWriter.encode) ?? value.displayText
        default: return value.displayText
        }
    }

    static func bulkMessages(_ path: String) throws -> [PublishMessage] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError.usage("publish: cannot read \(path)")
        }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(bytes: Array(data)) } catch {
            throw ShellError.usage("publish: \(path): \(error)")
        }
        guard let items = parsed.arrayValue else {
            throw ShellError.usage("publish: \(path) must hold a JSON array of messages")
        }
        return try items.enumerated().map { index, item in
            guard let topic = item["topic"]?.stringValue else {
                throw ShellError.usage("publish: \(path): message \(index + 1) has no topic")
            }
            let payload = item["payload"].map { $0.stringValue ?? JSONWriter.encode($0) } ?? ""
            return PublishMessage(
                topic: topic, payload: payload, encoding: item["encoding"]?.stringValue == "base64" ? .base64 : .plain,
                qos: Int(item["qos"]?.intValue ?? 0), retain: item["retain"]?.boolValue ?? false)
        }
    }

    static func resultValue(_ result: PublishResult) -> Value {
        var map: [(String, Value)] = [("topic", .string(result.topic ?? "")), ("delivered", .bool(result.delivered))]
        if let id = result.id { map.append(("id", .string(id))) }
        if let code = result.reasonCode { map.append(("reason_code", .int(Int64(code)))) }
        if let message = result.message { map.append(("message", .string(message))) }
        return .map(.init(uniqueKeysWithValues: map))
    }
}
