import Synchronization

/// The messages a broker delivered to a client, in order, as an async sequence: `for await message in
/// client.messages`. It ends when the client's connection does for good.
///
/// The connection's event loop hands them over a read's worth at a time, and the reader takes all that waits at
/// once, so a busy subscription costs a lock and at most one wake-up per read, not per message. Meant for one
/// reader at a time.
public struct MQTTMessages: AsyncSequence, Sendable {
    /// A delivered message.
    public typealias Element = MQTTClientMessage
    let inbox: MQTTInbox

    /// An iterator over the messages, from the first not read yet.
    public func makeAsyncIterator() -> Iterator { Iterator(inbox: inbox) }

    /// Reads the messages in order; `next()` waits for one, and returns nil at the end or when its task is
    /// cancelled.
    public struct Iterator: AsyncIteratorProtocol {
        let inbox: MQTTInbox
        /// What the last take brought and `next()` has not returned yet.
        private var taken: [MQTTClientMessage] = []
        private var position = 0

        init(inbox: MQTTInbox) { self.inbox = inbox }

        /// The next message if one has arrived, without waiting (and without the cost of an async call, which a
        /// reader of a busy subscription pays per message otherwise); nil when none waits.
        public mutating func nextWaiting() -> MQTTClientMessage? {
            if position == taken.count {
                taken = inbox.takeWaiting()
                position = 0
                guard !taken.isEmpty else { return nil }
            }
            defer { position += 1 }
            return taken[position]
        }

        /// The next message; nil at the end, or when the task is cancelled.
        public mutating func next() async -> MQTTClientMessage? {
            if position == taken.count {
                taken = await inbox.take()
                position = 0
                guard !taken.isEmpty else { return nil }
            }
            defer { position += 1 }
            return taken[position]
        }
    }
}

/// The messages delivered and not read yet, with the reader waiting for the next, if it is.
final class MQTTInbox: Sendable {
    private struct State {
        var queue: [MQTTClientMessage] = []
        var reader: CheckedContinuation<[MQTTClientMessage], Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Adds what one read of the connection brought, waking the reader if it waits.
    func add(_ batch: [MQTTClientMessage]) {
        guard !batch.isEmpty else { return }
        let reader = state.withLock { state -> CheckedContinuation<[MQTTClientMessage], Never>? in
            guard !state.finished else { return nil }
            guard let reader = state.reader else {
                if state.queue.isEmpty { state.queue = batch } else { state.queue.append(contentsOf: batch) }
                return nil
            }
            state.reader = nil
            return reader
        }
        reader?.resume(returning: batch)
    }

    /// Ends the sequence once what is queued has been read.
    func finish() {
        let reader = state.withLock { state in
            state.finished = true
            defer { state.reader = nil }
            return state.reader
        }
        reader?.resume(returning: [])
    }

    /// Everything queued, possibly nothing.
    func takeWaiting() -> [MQTTClientMessage] { state.withLock { Self.takeQueue(&$0) } }

    /// Everything queued, waiting for a message when none is; empty at the end or when the task is cancelled.
    func take() async -> [MQTTClientMessage] {
        let ready = state.withLock { state -> [MQTTClientMessage]? in
            if !state.queue.isEmpty { return Self.takeQueue(&state) }
            return state.finished ? [] : nil
        }
        if let ready { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> [MQTTClientMessage]? in
                    if !state.queue.isEmpty { return Self.takeQueue(&state) }
                    if state.finished || Task.isCancelled { return [] }
                    state.reader = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let reader = state.withLock { state in
                defer { state.reader = nil }
                return state.reader
            }
            reader?.resume(returning: [])
        }
    }

    private static func takeQueue(_ state: inout State) -> [MQTTClientMessage] {
        var taken: [MQTTClientMessage] = []
        swap(&taken, &state.queue)
        return taken
    }
}
