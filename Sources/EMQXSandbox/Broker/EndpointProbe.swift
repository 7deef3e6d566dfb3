import NIOCore
import NIOPosix

/// Whether a resource's endpoint answers: a TCP connection to the host and port of its URL or server, as EMQX's
/// health checks of HTTP and MQTT connectors (and v4 web hook resources) first find out.
enum EndpointProbe {
    /// `http://host:8080/x` → (`host`, 8080), `https://host/x` → (`host`, 443), `host:1883` → (`host`, 1883).
    static func endpoint(_ text: String) -> (host: String, port: Int)? {
        var rest = Substring(text)
        var port = 80
        if let scheme = rest.range(of: "://") {
            port =
                ["https": 443, "mqtts": 8883, "mqtt": 1883, "http": 80][rest[..<scheme.lowerBound].lowercased()] ?? 80
            rest = rest[scheme.upperBound...]
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        if parts.count == 2 {
            guard let number = Int(parts[1]), (1...65535).contains(number) else { return nil }
            port = number
        }
        return (String(host), port)
    }

    /// Whether a TCP connection opens within the time given.
    static func reachable(host: String, port: Int, within limit: TimeAmount = .seconds(2)) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(limit).connect(host: host, port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }
}

extension SandboxState {
    /// Probes an endpoint in the background, and hands whether it answered to `note`, on the state.
    func probe(
        _ endpoint: (host: String, port: Int), then note: @escaping @Sendable (isolated SandboxState, Bool) -> Void
    ) {
        Task { [weak self] in
            let alive = await EndpointProbe.reachable(host: endpoint.host, port: endpoint.port)
            await self?.record(alive, note)
        }
    }

    private func record(_ alive: Bool, _ note: @Sendable (isolated SandboxState, Bool) -> Void) { note(self, alive) }
}
