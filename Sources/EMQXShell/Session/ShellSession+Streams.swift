import EMQXScript

extension ShellSession {
    /// Writes a stream as its items arrive, in writes of about 64 KiB; at a terminal, or for a live stream, as
    /// soon as no next item is waiting.
    func show(_ stream: ValueStream, _ display: OutputSettings, resource: Resource?) async throws {
        // On the thread the items arrive on, when the stream says where that is: no hop per item.
        try await withTaskExecutorPreference(stream.executor) {
            try await write(stream, display, resource: resource)
        }
    }

    private func write(_ stream: ValueStream, _ display: OutputSettings, resource: Resource?) async throws {
        var renderer = StreamRenderer(settings: display, resource: resource, live: stream.isLive)
        let next = stream.makeIterator()
        var pending: [UInt8] = []
        func flush() {
            sink.write(String(decoding: pending, as: UTF8.self))
            pending.removeAll(keepingCapacity: true)
        }
        let promptly = isTerminal || stream.isLive
        while true {
            var item = stream.readyItem?()
            if item == nil {
                if promptly, !pending.isEmpty { flush() }
                item = try await next()
            }
            guard let item else { break }
            renderer.append(item, to: &pending)
            if pending.count > 1 << 16 { flush() }
        }
        sink.write(String(decoding: pending, as: UTF8.self) + renderer.finish())
    }
}
