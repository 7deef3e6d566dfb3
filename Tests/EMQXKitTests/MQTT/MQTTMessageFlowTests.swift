import EMQXKit
import EMQXSandbox
import Foundation
import Testing

/// How delivered messages reach their reader: a read's worth at a time, taken whole by the iterator, given back when
/// an iterator goes, and gathered between reads when the client asks for it.
@Suite(.timeLimit(.minutes(2))) struct MQTTMessageFlowTests {
    /// The payloads of the next `count` messages, read with one iterator; fewer when `seconds` pass first.
    func payloads(_ client: MQTTClient, count: Int, within seconds: Double = 10) async -> [String] {
        await withTaskGroup(of: [String]?.self) { group in
            group.addTask {
                var iterator = client.messages.makeAsyncIterator()
                var seen: [String] = []
                while seen.count < count, let message = await iterator.next() {
                    seen.append(String(decoding: message.payload, as: UTF8.self))
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    func clients(
        _ port: Int, reader readerOptions: (inout MQTTClientOptions) -> Void = { _ in }
    ) async throws -> (
        reader: MQTTClient, writer: MQTTClient
    ) {
        var options = MQTTClientOptions(host: "127.0.0.1", port: port, clientID: "flow-reader")
        readerOptions(&options)
        let reader = try await MQTTClient.connect(options)
        let writer = try await MQTTClient.connect(MQTTClientOptions(host: "127.0.0.1", port: port, clientID: "writer"))
        _ = try await reader.subscribe(["flow/#"], qos: 1)
        return (reader, writer)
    }

    @Test func aLaterIteratorStartsWhereAnEarlierOneStopped() async throws {
        try await withSandbox { sandbox, _ in
            let (reader, writer) = try await clients(sandbox.mqttPort)
            let sent = (1...50).map { MQTTClientMessage(topic: "flow/1", payload: Array("\($0)".utf8), qos: 1) }
            try await writer.publish(burst: sent)
            // Let them all land, so the first iterator takes every one of them in one go.
            try await Task.sleep(for: .milliseconds(300))
            #expect(await payloads(reader, count: 1) == ["1"])
            #expect(await payloads(reader, count: 49) == (2...50).map(String.init), "the rest, in order, once each")
            for client in [reader, writer] { await client.disconnect() }
        }
    }

    /// The broker's in-flight window (32) fills at once here, so most messages wait in its queue and go out as the
    /// reader's acknowledgements free room, while the writer's next burst arrives: both must leave in one order.
    @Test func aPublishersMessagesArriveInOrderWhileTheWindowIsFull() async throws {
        try await withSandbox { sandbox, _ in
            let (reader, writer) = try await clients(sandbox.mqttPort)
            let (bursts, size) = (200, 100)
            func burst(_ number: Int) -> [MQTTClientMessage] {
                (number * size + 1...number * size + size).map {
                    MQTTClientMessage(topic: "flow/\($0 % 7)", payload: Array("\($0)".utf8), qos: 1)
                }
            }
            // One burst ahead of the reader: the broker's queue for it (1,000) never fills.
            try await writer.publish(burst: burst(0))
            var received: [String] = []
            for number in 1...bursts {
                async let sent: Void = number < bursts ? writer.publish(burst: burst(number)) : ()
                received += await payloads(reader, count: size)
                try await sent
            }
            let total = bursts * size
            #expect(received.count == total)
            let firstOutOfOrder = received.indices.first { received[$0] != String($0 + 1) }
            #expect(firstOutOfOrder == nil, "in order, once each: \(received[(firstOutOfOrder ?? 0)...].prefix(8))")
            for client in [reader, writer] { await client.disconnect() }
        }
    }

    @Test func withReadPausesABusyStreamArrivesWholeAndInOrderAndALoneMessageStillComes() async throws {
        try await withSandbox { sandbox, _ in
            let (reader, writer) = try await clients(sandbox.mqttPort) { $0.busyReadPause = .microseconds(150) }
            // Bursts of 200, each read before the next is sent: the broker's queue for the reader (1,000, as
            // EMQX's) never fills, so every message is due.
            var received: [String] = []
            for burst in 0..<15 {
                let numbers = (burst * 200 + 1)...(burst * 200 + 200)
                try await writer.publish(
                    burst: numbers.map {
                        MQTTClientMessage(topic: "flow/\($0 % 7)", payload: Array("\($0)".utf8), qos: 1)
                    })
                received += await payloads(reader, count: numbers.count)
            }
            #expect(received.count == 3000)
            #expect(received.elementsEqual((1...3000).map(String.init)), "in order, once each")
            // A quiet connection is read at once: a single message after the bursts is not held back by them.
            try await writer.publish(MQTTClientMessage(topic: "flow/last", payload: Array("last".utf8), qos: 1))
            #expect(await payloads(reader, count: 1, within: 2) == ["last"])
            for client in [reader, writer] { await client.disconnect() }
        }
    }
}
