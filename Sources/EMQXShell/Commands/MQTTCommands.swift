import EMQXJSON
import EMQXKit
import EMQXScript
import Foundation

/// `pub` and `sub`: messages over MQTT itself, to and from the deployment's broker (`publish` goes through the API).
enum MQTTCommands {
    static let qos = CommandFlag<Int>.integer("qos", in: 0...2, "0, 1 or 2 (default 0)")
    static let retain = CommandFlag<Bool>.presence("retain", "retain the message")
    static let repeats = CommandFlag<Int>.integer("repeat", in: 1...10_000_000, "publish it N times (default 1)")
    static let rate = CommandFlag<Int>.integer("rate", in: 1...1_000_000, "at most R messages a second")
    static let count = CommandFlag<Int>.integer("count", in: 1...Int(Int32.max), "stop after N messages")
    static let timeout = CommandFlag<String>.text("timeout", "stop after this long: 30s, 5m (default: until Ctrl-C)")
    static let format = CommandFlag<PayloadFormat>.choice("format", "payload as text, json, base64 or hex")
    static let version = CommandFlag<MQTTClientOptions.ProtocolVersion>.choice("mqtt", "protocol: 5 or 3.1.1")
    static let clientID = CommandFlag<String>.text("client-id", "the MQTT client id (default: emqxsh-sub-RANDOM)")
    static let persistent = CommandFlag<Bool>.presence(
        "persistent", "a session the broker keeps for an hour: a later sub with the same --client-id resumes it")

    /// How `sub` shows a payload.
    enum PayloadFormat: String, CaseIterable, Sendable {
        case text, json, base64, hex
    }

    static let all: [any ShellCommand] = [
        Command(
            "pub", "publish over MQTT to the deployment's broker",
            example: "pub sensors/7/temp 21.5 --qos 1 --repeat 10",
            signature: CommandSignature(
                ["TOPIC", "PAYLOAD"],
                flags: [
                    qos, retain, repeats, rate, version, PublishCommands.property, PublishCommands.contentType,
                    PublishCommands.responseTopic, PublishCommands.correlationData,
                ])
        ) { args, session in
            let topic = args.word(0) ?? ""
            let payload = Array(PublishCommands.payloadText(args.positionals[1]).utf8)
            var message = MQTTClientMessage(
                topic: topic, payload: payload, qos: try args[qos] ?? 0, retain: try args[retain] ?? false,
                contentType: try args[PublishCommands.contentType],
                responseTopic: try args[PublishCommands.responseTopic],
                correlationData: try args[PublishCommands.correlationData].map { Array($0.utf8) })
            message.userProperties = try PublishCommands.userProperties(args).map {
                MQTTUserProperty(name: $0.key, value: $0.value)
            }
            let client = try await connect(session, args, role: "pub")
            let times = try args[repeats] ?? 1
            let interval = try args[rate].map { Duration.seconds(1) / $0 }
            let start = ContinuousClock.now
            do {
                for index in 0..<times {
                    try Task.checkCancellation()
                    if let interval { try await Task.sleep(until: start + interval * index) }
                    try await client.publish(message)
                }
            } catch let error as EMQXError {
                await client.disconnect()
                throw ShellSession.failure(error)
            } catch {
                await client.disconnect()
                throw error
            }
            await client.disconnect()
            return .map(["topic": .string(topic), "count": .int(Int64(times)), "qos": .int(Int64(message.qos))])
        },
        Command(
            "sub", "messages from the deployment's broker as they arrive, until Ctrl-C, --count or --timeout",
            example: "sub 'sensors/#' --count 10 --format json",
            signature: CommandSignature(
                ["FILTER…"], flags: [qos, count, timeout, format, version, clientID, persistent])
        ) { args, session in
            let filters = args.positionals.map(\.displayText)
            guard !filters.isEmpty else { throw ShellError.usage("sub: give at least one topic filter") }
            let limit = try args[count] ?? .max
            let deadline = try args[timeout].map {
                ContinuousClock.now + (try SessionCommands.duration($0, of: "sub: --timeout"))
            }
            let shown = try args[format] ?? .text
            // A live stream outlives a broker restart or a network drop: the connection is opened again, with
            // backoff, resuming a persistent session or subscribing again.
            let keep = try args[persistent] ?? false
            if keep, try args[clientID] == nil {
                throw ShellError.usage("sub: --persistent needs --client-id, to resume the same session later")
            }
            let client = try await connect(session, args, role: "sub") { options in
                options.reconnect = MQTTReconnectPolicy(maximumDelay: .seconds(10))
                options.busyReadPause = .microseconds(150)
                if keep { (options.cleanStart, options.sessionExpiry) = (false, 3600) }
            }
            let wanted = try args[qos] ?? 0
            let granted: [Int?]
            do throws(EMQXError) { granted = try await client.subscribe(filters, qos: wanted) } catch {
                await client.disconnect()
                throw ShellSession.failure(error)
            }
            if let refused = zip(filters, granted).first(where: { $0.1 == nil }) {
                await client.disconnect()
                throw ShellError.failure("sub: the broker refused the subscription to \(refused.0)")
            }
            let box = SubscriptionBox(client: client, limit: limit, deadline: deadline)
            return .stream(
                ValueStream(
                    name: "sub", live: true, readyItem: { box.nextWaiting().map { value(of: $0, shown) } },
                    executor: client.executor
                ) { { await box.next().map { value(of: $0, shown) } } })
        },
        Command(
            "request", "MQTT 5 request/response: publish with a response topic, wait for the answer",
            example: "request svc/echo ping --timeout 5s",
            signature: CommandSignature(["TOPIC", "PAYLOAD"], flags: [qos, timeout, format])
        ) { args, session in
            let topic = args.word(0) ?? ""
            let limit = try SessionCommands.duration(try args[timeout] ?? "5s", of: "request: --timeout")
            let client = try await connect(session, args, role: "request")
            let correlation = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
            let responseTopic = "emqxsh/response/\(client.options.clientID)"
            do {
                _ = try await client.subscribe([responseTopic], qos: 1)
                try await client.publish(
                    MQTTClientMessage(
                        topic: topic, payload: Array(PublishCommands.payloadText(args.positionals[1]).utf8),
                        qos: try args[qos] ?? 0, responseTopic: responseTopic, correlationData: Array(correlation.utf8)
                    ))
            } catch let error as EMQXError {
                await client.disconnect()
                throw ShellSession.failure(error)
            }
            // The time limit is for the answer (messages wait in the client's stream until read). Answers to other
            // requests (a correlation that is not ours) are passed over.
            let box = SubscriptionBox(client: client, limit: .max, deadline: .now + limit)
            while let answer = await box.next() {
                if answer.correlationData == nil || answer.correlationData == Array(correlation.utf8) {
                    await client.disconnect()
                    return value(of: answer, try args[format] ?? .text)
                }
            }
            throw ShellError.failure("request: no response on \(topic) within \(limit)")
        },
    ]

    /// Connects to the deployment's broker: the sandbox's, the `mqtt_url` of the deployment's configuration, or EMQX
    /// Cloud's default.
    static func connect(
        _ session: ShellSession, _ args: CommandArguments, role: String,
        adjust: (inout MQTTClientOptions) -> Void = { _ in }
    ) async throws -> MQTTClient {
        var options = try clientOptions(session, args.command)
        options.clientID = try args[clientID] ?? "emqxsh-\(role)-\(UInt32.random(in: 0...UInt32.max))"
        options.version = try args[version] ?? .v5
        adjust(&options)
        do throws(EMQXError) { return try await MQTTClient.connect(options) } catch {
            throw ShellSession.failure(error)
        }
    }

    /// The options every MQTT client of the current deployment starts from: its endpoint and login; TLS trusts what
    /// the deployment's API does (its CA file, its pin, or the system store).
    static func clientOptions(_ session: ShellSession, _ command: String) throws -> MQTTClientOptions {
        let name = session.deploymentName
        guard let endpoint = session.mqttEndpoint(of: name) else {
            throw ShellError.usage(
                "\(command): deployment \(name) has no MQTT address; give it mqtt_url in config.toml")
        }
        let deployment = session.client?.deployment
        return MQTTClientOptions(
            endpoint: endpoint, login: deployment?.mqttLogin, tls: deployment?.tls ?? TLSOptions())
    }

    /// The keys of a message's map, in order; each message's map shares them and only sets its values.
    private static let messageKeys: OrderedMap<Value> = [
        "topic": .null, "payload": .null, "qos": .null, "retain": .null, "properties": .map([:]), "received_at": .null,
    ]

    /// A received message as a script sees it.
    static func value(of message: MQTTClientMessage, _ format: PayloadFormat) -> Value {
        var fields = messageKeys
        fields[valueAt: 0] = .string(message.topic)
        fields[valueAt: 1] = payload(message.payload, format)
        fields[valueAt: 2] = .int(Int64(message.qos))
        fields[valueAt: 3] = .bool(message.retain)
        fields[valueAt: 5] = .string(ReceivedTime.now())
        let hasProperties =
            message.contentType != nil || message.responseTopic != nil || message.correlationData != nil
            || !message.userProperties.isEmpty
        guard hasProperties else { return .map(fields) }
        var properties: OrderedMap<Value> = [:]
        if let contentType = message.contentType { properties["content_type"] = .string(contentType) }
        if let topic = message.responseTopic { properties["response_topic"] = .string(topic) }
        if let data = message.correlationData {
            properties["correlation_data"] = .string(String(decoding: data, as: UTF8.self))
        }
        if !message.userProperties.isEmpty {
            properties["user_properties"] = .list(message.userProperties.map { .map([$0.name: .string($0.value)]) })
        }
        fields[valueAt: 4] = .map(properties)
        return .map(fields)
    }

    static func payload(_ bytes: [UInt8], _ format: PayloadFormat) -> Value {
        switch format {
        case .text:
            // ASCII needs no validation; bytes that are not UTF-8 are shown as base64 rather than mangled.
            if bytes.allSatisfy({ $0 < 0x80 }) { return .string(String(decoding: bytes, as: UTF8.self)) }
            return String(validating: bytes, as: UTF8.self).map(Value.string)
                ?? .string(Data(bytes).base64EncodedString())
        case .json:
            let text = String(decoding: bytes, as: UTF8.self)
            return (try? JSONParser.parse(text)).map(Value.init(json:)) ?? .string(text)
        case .base64: return .string(Data(bytes).base64EncodedString())
        case .hex: return .string(bytes.map { String(format: "%02x", $0) }.joined())
        }
    }
}
