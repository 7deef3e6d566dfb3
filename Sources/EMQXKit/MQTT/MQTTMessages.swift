import DequeModule
import Synchronization

/// The messages a broker delivered to a client, in order, as an async sequence: `for await message in
/// client.messages`. It ends when the client's connection does for good.
///
/// The connection's event loop hands them over a read's worth at a time, so a busy subscription costs one lock and
/// at most one wake-up per read, not per message. Meant for one reader at a time.
public struct MQTTMessages: AsyncSequence, Sendable {
    /// A delivered message.
    public typealias Element = MQTTClientMessage
    let inbox: MQTTInbox

    /// An iterator over the messages, from the first not read yet.
    public func makeAsyncIterator() -> Iterator { Iterator(inbox: inbox) }

    /// How many messages have arrived and wait to be read: a reader can write its output when this is 0.
    public var waiting: Int { inbox.count }

    /// Reads the messages in order; `next()` waits for one, and returns nil at the end or when its task is
    /// cancelled.
    public struct Iterator: AsyncIteratorProtocol {
        let inbox: MQTTInbox

        /// The next message; nil at the end, or when the task is cancelled.
        public mutating func next() async -> MQTTClientMessage? { await inbox.next() }
    }
}

/// The messages delivered and not read yet, with the reader waiting for the next, if it is.
final class MQTTInbox: Sendable {
    private struct State {
        var queue = Deque<MQTTClientMessage>()
        var reader: CheckedContinuation<MQTTClientMessage?, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.queue.count } }

    /// Adds what one read of the connection brought, waking the reader if it waits.
    func add(_ batch: [MQTTClientMessage]) {
        guard !batch.isEmpty else { return }
        let (reader, first) = state.withLock {
            state -> (CheckedContinuation<MQTTClientMessage?, Never>?, MQTTClientMessage?) in
            guard !state.finished else { return (nil, nil) }
            guard let reader = state.reader else {
                state.queue.append(contentsOf: batch)
                return (nil, nil)
            }
            state.reader = nil
            state.queue.append(contentsOf: batch.dropFirst())
            return (reader, batch[0])
        }
        reader?.resume(returning: first)
    }

    /// Ends the sequence once what is queued has been read.
    func finish() {
        let reader = state.withLock { state in
            state.finished = true
            defer { state.reader = nil }
            return state.reader
        }
        reader?.resume(returning: nil)
    }

    func next() async -> MQTTClientMessage? {
        let ready = state.withLock { state -> MQTTClientMessage?? in
            if let first = state.queue.popFirst() { return .some(first) }
            return state.finished ? .some(nil) : nil
        }
        if let ready { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> MQTTClientMessage?? in
                    if let first = state.queue.popFirst() { return .some(first) }
                    if state.finished || Task.isCancelled { return .some(nil) }
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
            reader?.resume(returning: nil)
        }
    }
}
