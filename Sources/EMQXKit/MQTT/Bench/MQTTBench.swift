import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A load generator in the spirit of emqtt-bench and `nats bench`: opens connections, publishes or subscribes, and
/// reports rates and latency percentiles. Bounded by the plan's count and duration, and by cancellation.
public enum MQTTBench {
    /// Runs the plan against its broker.
    ///
    /// - Parameters:
    ///   - plan: What to do.
    ///   - progress: Told about once a second what has been done so far.
    /// - Returns: What was measured; connection failures and refusals are counted in it, not thrown.
    public static func run(
        _ plan: MQTTBenchPlan, progress: @escaping @Sendable (MQTTBenchProgress) -> Void = { _ in }
    ) async -> MQTTBenchReport {
        let run = BenchRun(plan)
        let reporter = Task { await run.reportProgress(to: progress) }
        let clients = await run.connectAll()
        run.connectPhaseEnded()
        if !Task.isCancelled, !clients.isEmpty {
            switch plan.kind {
            case .conn: try? await Task.sleep(until: plan.hold.map { min(.now + $0, run.deadline) } ?? run.deadline)
            case .pub: await run.publish(from: clients)
            case .sub: await run.receive(on: clients)
            }
        }
        reporter.cancel()
        await withDiscardingTaskGroup { group in
            for client in clients { group.addTask { await client.disconnect() } }
        }
        return run.report()
    }
}

/// The state of one run, shared by its connections' tasks.
final class BenchRun: Sendable {
    let plan: MQTTBenchPlan
    let start = ContinuousClock.now
    let deadline: ContinuousClock.Instant
    let connected = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let messages = Atomic<Int>(0)
    let connectLatency = LatencyRecorder()
    let messageLatency = LatencyRecorder()
    /// When the last connection was made, and when messages started and stopped flowing.
    let marks = Mutex<
        (connected: ContinuousClock.Instant?, first: ContinuousClock.Instant?, last: ContinuousClock.Instant?)
    >(
        (nil, nil, nil))
    let errors = Mutex<[String: Int]>([:])

    /// Payloads of at least this size carry a magic word and their send time, for a `sub` run's latency.
    static let stampSize = 16
    static let magic: [UInt8] = Array("EMQXSHBT".utf8)

    init(_ plan: MQTTBenchPlan) {
        self.plan = plan
        self.deadline = start + plan.duration
    }

    func note(_ error: EMQXError) {
        errors.withLock { errors in
            if errors[error.message] != nil || errors.count < 5 { errors[error.message, default: 0] += 1 }
        }
    }

    // MARK: Connections

    /// Opens the plan's connections (at most 64 handshakes at once, and at its connect rate), subscribing each for
    /// a `sub` run; the ones that failed are counted and left out.
    func connectAll() async -> [MQTTClient] {
        await withTaskGroup(of: MQTTClient?.self) { group in
            var clients: [MQTTClient] = []
            clients.reserveCapacity(plan.clients)
            var inFlight = 0
            for number in 1...max(plan.clients, 1) {
                if Task.isCancelled || ContinuousClock.now >= deadline { break }
                if let rate = plan.connectRate {
                    try? await Task.sleep(until: start + .seconds(1) * Double(number - 1) / Double(rate))
                }
                if inFlight >= 64, let client = await group.next() {
                    inFlight -= 1
                    if let client { clients.append(client) }
                }
                inFlight += 1
                group.addTask { await self.connect(number) }
            }
            for await client in group { if let client { clients.append(client) } }
            return clients
        }
    }

    private func connect(_ number: Int) async -> MQTTClient? {
        var options = plan.connection
        options.clientID = plan.clientID(number)
        // The run's deadline bounds every handshake too.
        options.connectTimeout = min(options.connectTimeout, max(deadline - .now, .milliseconds(1)))
        let began = ContinuousClock.now
        do throws(EMQXError) {
            let client = try await MQTTClient.connect(options)
            connectLatency.record(.now - began)
            if plan.kind == .sub {
                let granted = try await client.subscribe([plan.topic(ofClient: number)], qos: plan.qos)
                guard granted.allSatisfy({ $0 != nil }) else {
                    await client.disconnect()
                    throw EMQXError(
                        .clientError, "the broker refused the subscription to \(plan.topic(ofClient: number))")
                }
            }
            connected.add(1, ordering: .relaxed)
            return client
        } catch {
            failed.add(1, ordering: .relaxed)
            note(error)
            return nil
        }
    }

    func connectPhaseEnded() { marks.withLock { $0.connected = .now } }

    // MARK: Messages

    /// Every client publishes its share, in bursts (one write each), until its count, the deadline or cancellation.
    func publish(from clients: [MQTTClient]) async {
        await withDiscardingTaskGroup { group in
            for (index, client) in clients.enumerated() {
                group.addTask { await self.publish(from: client, number: index + 1, of: clients.count) }
            }
        }
    }

    private func publish(from client: MQTTClient, number: Int, of clients: Int) async {
        let topic = plan.topic(ofClient: number)
        let perClient = plan.messageRate.map { Double($0) / Double(clients) }
        // QoS 0 goes out in bursts of 64; QoS 1 and 2 keep a window of 32 awaiting acknowledgement.
        let burst = plan.qos == 0 ? 64 : 32
        let began = ContinuousClock.now
        marks.withLock { $0.first = $0.first ?? began }
        var sent = 0
        let limit = plan.count ?? .max
        while sent < limit, !Task.isCancelled, ContinuousClock.now < deadline {
            var size = min(burst, limit - sent)
            if let perClient {
                let due = Int(perClient * (ContinuousClock.now - began).seconds) + 1 - sent
                guard due > 0 else {
                    try? await Task.sleep(for: .milliseconds(5))
                    continue
                }
                size = min(size, due)
            }
            let payload = Self.payload(size: plan.payloadSize)
            let messages = Array(
                repeating: MQTTClientMessage(topic: topic, payload: payload, qos: plan.qos), count: size)
            do throws(EMQXError) {
                try await client.publish(burst: messages) { [messageLatency] in messageLatency.record($0) }
            } catch {
                note(error)
                break
            }
            sent += size
            _ = self.messages.add(size, ordering: .relaxed)
            marks.withLock { $0.last = .now }
        }
    }

    /// Every client counts what it receives until the plan's total, the deadline or cancellation.
    func receive(on clients: [MQTTClient]) async {
        let limit = plan.count ?? .max
        await withTaskGroup(of: Void.self) { group in
            for client in clients {
                // On the connection's own thread: no wake-up of another for each read.
                group.addTask(executorPreference: client.executor) {
                    for await message in client.messages {
                        let arrived = ContinuousClock.now
                        if let sentAt = Self.sendTime(message.payload) {
                            self.messageLatency.record(.nanoseconds(max(0, Self.wallClockNanoseconds() - sentAt)))
                        }
                        self.marks.withLock { marks in
                            marks.first = marks.first ?? arrived
                            marks.last = arrived
                        }
                        if self.messages.add(1, ordering: .relaxed).newValue >= limit { return }
                    }
                }
            }
            group.addTask { try? await Task.sleep(until: self.deadline) }
            // The first to end (the count reached, or the deadline) ends the others.
            await group.next()
            group.cancelAll()
        }
    }

    // MARK: Payloads

    /// A payload of `size` bytes: from 16 bytes on, the magic word and the wall-clock send time (ns) come first.
    static func payload(size: Int) -> [UInt8] {
        guard size >= stampSize else { return Array(repeating: UInt8(ascii: "x"), count: size) }
        var bytes = magic
        withUnsafeBytes(of: wallClockNanoseconds().bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: size - stampSize))
        return bytes
    }

    /// The send time a payload of `bench pub` carries, if it is one.
    static func sendTime(_ payload: [UInt8]) -> Int64? {
        guard payload.count >= stampSize, payload[0..<8].elementsEqual(magic) else { return nil }
        return payload[8..<16].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }

    /// Wall-clock time, so that a publisher and a subscriber in two processes of one machine agree.
    static func wallClockNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    // MARK: Reporting

    func reportProgress(to progress: @escaping @Sendable (MQTTBenchProgress) -> Void) async {
        var previous = (instant: start, messages: 0)
        while (try? await Task.sleep(for: .seconds(1))) != nil {
            let now = ContinuousClock.now
            let count = messages.load(ordering: .relaxed)
            progress(
                MQTTBenchProgress(
                    elapsed: now - start, connected: connected.load(ordering: .relaxed),
                    failed: failed.load(ordering: .relaxed), messages: count,
                    messagesPerSecond: Double(count - previous.messages) / (now - previous.instant).seconds))
            previous = (now, count)
        }
    }

    func report() -> MQTTBenchReport {
        let end = ContinuousClock.now
        let marks = self.marks.withLock { $0 }
        let count = messages.load(ordering: .relaxed)
        let connectedCount = connected.load(ordering: .relaxed)
        let connectTime = ((marks.connected ?? end) - start).seconds
        var flowing = 0.0
        if let first = marks.first, let last = marks.last { flowing = (last - first).seconds }
        // One message, or all in one instant: the rate is over the message phase as a whole.
        if flowing <= 0 { flowing = (end - (marks.connected ?? start)).seconds }
        let rate = flowing > 0 ? Double(count) / flowing : 0
        return MQTTBenchReport(
            kind: plan.kind, connected: connectedCount, failed: failed.load(ordering: .relaxed),
            connectionsPerSecond: connectTime > 0 ? Double(connectedCount) / connectTime : 0,
            connectLatency: connectLatency.summary, messages: count, messagesPerSecond: rate,
            bytesPerSecond: rate * Double(plan.payloadSize), messageLatency: messageLatency.summary,
            elapsed: end - start, errors: errors.withLock { $0 })
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
