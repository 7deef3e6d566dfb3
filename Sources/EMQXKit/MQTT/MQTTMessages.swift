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
    /// cancelled. What an iterator took and did not return goes back to the sequence when the iterator goes, so
    /// a later one (after a `break`, say) starts where it stopped.
    public struct Iterator: AsyncIteratorProtocol {
        private let taken: MQTTTaken

        init(inbox: MQTTInbox) { taken = MQTTTaken(inbox: inbox) }

        /// The next message if one has arrived, without waiting (and without the cost of an async call, which a
        /// reader of a busy subscription pays per message otherwise); nil when none waits.
        public mutating func nextWaiting() -> MQTTClientMessage? {
            if taken.isEmpty { taken.refill(taken.inbox.takeWaiting()) }
            return taken.pop()
        }

        /// The next message; nil at the end, or when the task is cancelled.
        public mutating func next() async -> MQTTClientMessage? {
            if taken.isEmpty { taken.refill(await taken.inbox.take()) }
            return taken.pop()
        }
    }
}

/// What an iterator took from the inbox in one go and has not returned yet; given back when the iterator goes.
final class MQTTTaken: @unchecked Sendable {
    let inbox: MQTTInbox
    private var messages: [MQTTClientMessage] = []
    private var position = 0

    init(inbox: MQTTInbox) { self.inbox = inbox }

    deinit { inbox.giveBack(messages[position...]) }

    var isEmpty: Bool { position == messages.count }

    func refill(_ batch: [MQTTClientMessage]) {
        (messages, position) = (batch, 0)
    }

    func pop() -> MQTTClientMessage? {
        guard position < messages.count else { return nil }
        defer { position += 1 }
        return messages[position]
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

    /// Puts back, in front of what came since, what an iterator took and did not return.
    func giveBack(_ unread: ArraySlice<MQTTClientMessage>) {
        guard !unread.isEmpty else { return }
        let reader = state.withLock { state -> CheckedContinuation<[MQTTClientMessage], Never>? in
            guard let reader = state.reader else {
                state.queue = Array(unread) + state.queue
                return nil
            }
            state.reader = nil
            return reader
        }
        reader?.resume(returning: Array(unread))
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
