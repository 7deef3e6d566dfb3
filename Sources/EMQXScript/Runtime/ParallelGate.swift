import Synchronization

/// The one permit to run language code among the items of a parallel loop.
///
/// The interpreter's state (frames, variables) is not shared between threads: an item runs language code only while
/// it holds the gate and gives it up while host work runs (a command's network wait, a page fetch, a sleep), so the
/// items overlap exactly where their time goes. Waiters are served in the order they came.
final class ParallelGate: Sendable {
    /// The gate of the parallel loop item this task runs, if any.
    @TaskLocal static var current: ParallelGate?

    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func acquire() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state -> Bool in
                if !state.held {
                    state.held = true
                    return true
                }
                state.waiters.append(waiter)
                return false
            }
            if free { waiter.resume() }
        }
    }

    /// Hands the gate to the longest waiter, or leaves it free.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
