import EMQXJSON
import EMQXKit
import EMQXScript

extension Value {
    /// A paged list from EMQXKit as a stream that fetches pages as it is read.
    static func stream<T: Sendable>(
        _ name: String, _ sequence: PagedSequence<T>, limit: Int?, _ transform: @escaping @Sendable (T) -> Value
    ) -> Value {
        .stream(
            ValueStream(name: name) {
                let box = IteratorBox(sequence.prefetching(upTo: limit ?? .max).makeAsyncIterator(), limit: limit)
                return { try await box.next().map(transform) }
            })
    }
}

/// Holds a page iterator between calls: a stream's `next` is a closure, the iterator a mutable struct.
final class IteratorBox<T: Sendable>: @unchecked Sendable {
    private var iterator: PagedSequence<T>.AsyncIterator
    private var remaining: Int

    init(_ iterator: PagedSequence<T>.AsyncIterator, limit: Int?) {
        self.iterator = iterator
        self.remaining = limit ?? .max
    }

    // A stream left before its end (a limit, `break`, an error) leaves no page fetch behind it.
    deinit { iterator.cancelPrefetch() }

    func next() async throws -> T? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        do {
            return try await iterator.next()
        } catch let error as EMQXError {
            throw ShellSession.failure(error)
        }
    }
}
