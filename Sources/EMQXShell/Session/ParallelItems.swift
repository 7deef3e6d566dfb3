import EMQXKit
import EMQXScript
import Synchronization

/// What belongs to one item of a parallel loop while it runs: its output, held until the items before it are
/// written, the display its last command chose, and the deployment it `use`d (a fleet: each item its own).
final class ParallelItem: Sendable {
    /// The item this task runs, if any.
    @TaskLocal static var current: ParallelItem?

    struct State {
        var output: [(text: String, isError: Bool)] = []
        var pendingDisplay: (settings: OutputSettings?, resource: Resource?) = (nil, nil)
        var connection: (client: EMQXClient, name: String)?
        var opened: [EMQXClient] = []
    }
    let state = Mutex(State())
}

/// Writes to the shell's sink, or into the running parallel item's output.
struct ItemRoutingSink: OutputSink {
    let base: any OutputSink

    func write(_ text: String) {
        guard let item = ParallelItem.current else { return base.write(text) }
        item.state.withLock { $0.output.append((text, false)) }
    }

    func writeError(_ text: String) {
        guard let item = ParallelItem.current else { return base.writeError(text) }
        item.state.withLock { $0.output.append((text, true)) }
    }
}

/// The items of one parallel loop in a shell session: each item's output is written when the items before it have
/// been, so the loop's output reads as a plain loop's would; deployments items connected to are closed with them.
final class OrderedParallelScope: ParallelScope {
    private let sink: any OutputSink
    private let order = ItemOrder<[(text: String, isError: Bool)]>()

    init(sink: any OutputSink) { self.sink = sink }

    func run(item index: Int, _ body: @Sendable () async throws -> Void) async throws {
        let item = ParallelItem()
        defer { deliver(index, item) }
        try await ParallelItem.$current.withValue(item) { try await body() }
    }

    private func deliver(_ index: Int, _ item: ParallelItem) {
        let (output, opened) = item.state.withLock { ($0.output, $0.opened) }
        for client in opened { Task { await client.shutdown() } }
        for chunk in order.finish(index, with: output).joined() {
            if chunk.isError { sink.writeError(chunk.text) } else { sink.write(chunk.text) }
        }
    }
}
