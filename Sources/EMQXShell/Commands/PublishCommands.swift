import EMQXJSON
import EMQXKit
import EMQXScript
import Foundation

/// `publish`: one message, several, or a file of them.
enum PublishCommands {
    static let qos = CommandFlag<Int>.integer("qos", in: 0...2, "0, 1 or 2 (default 0)")
    static let retain = CommandFlag<Bool>.presence("retain", "retain the message")
    static let base64 = CommandFlag<Bool>.presence("base64", "the payload is base64")
    static let file = CommandFlag<String>.text("file", "read the payload from this file (sent as base64)")
    static let bulk = CommandFlag<String>.text(
        "bulk", "publish every message in this JSON file: [{topic, payload, qos, retain}, …]")
    static let clientID = CommandFlag<String>.text("client-id", "the publisher's client id (v4; default emqxsh)")
    static let property = CommandFlag<[String]>.texts("property", "MQTT 5 user property KEY=VALUE (repeatable)")
    static let contentType = CommandFlag<String>.text("content-type", "MQTT 5 content type")
    static let expiry = CommandFlag<Int>.integer("expiry", in: 0...4_294_967_295, "MQTT 5 message expiry, seconds")
    static let responseTopic = CommandFlag<String>.text("response-topic", "MQTT 5 response topic")
    static let correlationData = CommandFlag<String>.text("correlation-data", "MQTT 5 correlation data")

    static let all: [any ShellCommand] = [
        Command(
            "publish", "publish a message through the API",
            example: #"publish sensors/1/cmd '{"reboot": true}' --qos 1 --retain"#,
            signature: CommandSignature(
                ["TOPIC", "[PAYLOAD]"], minimum: 0,
                flags: [
                    qos, retain, base64, file, bulk, clientID, property, contentType, expiry, responseTopic,
                    correlationData,
                ])
        ) { args, session in
            let client = try session.requireClient(args)
            if let path = try args[bulk] {
                let results = try await client.publish(try bulkMessages(path))
                return .list(results.map(resultValue))
            }
            guard let topic = args.word(0) else { throw ShellError.usage("publish: missing TOPIC (or --bulk FILE)") }
            var payload = args.positionals.count > 1 ? payloadText(args.positionals[1]) : ""
            var encoding: PayloadEncoding = try args[base64] == true ? .base64 : .plain
            if let file = try args[file] {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ShellError.usage("publish: cannot read \(file)")
                }
                payload = data.base64EncodedString()
                encoding = .base64
            }
            let message = PublishMessage(
                topic: topic, payload: payload, encoding: encoding, qos: try args[qos] ?? 0,
                retain: try args[retain] ?? false, clientID: try args[clientID], properties: try properties(args))
            return resultValue(try await client.publish(message))
        }
    ]

    /// The MQTT 5 properties the flags give; nil when none is given.
    static func properties(_ args: CommandArguments) throws -> MessageProperties? {
        var pairs: [String: String] = [:]
        for (key, value) in try userProperties(args) { pairs[key] = value }
        let properties = MessageProperties(
            messageExpiryInterval: try args[expiry], responseTopic: try args[responseTopic],
            correlationData: try args[correlationData], contentType: try args[contentType],
            userProperties: pairs)
        return properties == MessageProperties() ? nil : properties
    }

    /// The `--property KEY=VALUE` flags, in order (`publish` over the API and `pub` over MQTT alike).
    static func userProperties(_ args: CommandArguments) throws -> [(key: String, value: String)] {
        try args[property].map { pair in
            guard let equals = pair.firstIndex(of: "=") else {
                throw ShellError.usage("\(args.command): --property takes KEY=VALUE, not '\(pair)'")
            }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
    }

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
