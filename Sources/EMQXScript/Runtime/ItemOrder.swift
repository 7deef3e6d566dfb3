import Synchronization

/// The outputs of a parallel loop's items, released in item order: an item that finishes early waits for those
/// before it, so the loop's output reads as a plain loop's would. Each host's ``ParallelScope`` keeps one.
public final class ItemOrder<Output: Sendable>: Sendable {
    private let pending = Mutex((next: 0, finished: [Int: Output]()))

    public init() {}

    /// Records that item `index` finished with `output`; returns the outputs now due, in order: its own and those
    /// of the items after it that finished first, or none while an item before it runs.
    public func finish(_ index: Int, with output: Output) -> [Output] {
        pending.withLock { state in
            state.finished[index] = output
            var ready: [Output] = []
            while let next = state.finished.removeValue(forKey: state.next) {
                ready.append(next)
                state.next += 1
            }
            return ready
        }
    }
}
