import EMQXJSON

/// v5 listeners: list (by type), show one, and start, stop or restart it; a stopped listener refuses connections.
extension SandboxState {
    func addListener(_ listener: ListenerRecord) {
        listeners[listener.id] = listener
    }

    func v5ListListeners(_ call: APICall) -> SandboxResponse {
        let type = call.queryValue("type")
        return .json(.array(listeners.values.filter { type == nil || $0.type == type }.map(listenerSummary)))
    }

    func v5Listener(_ id: String) -> SandboxResponse {
        guard let listener = listeners[id] else { return listenerNotFound(id, status: 404) }
        return .json(listenerConfiguration(listener))
    }

    /// `start`, `stop` or `restart`; stopping closes the connections the listener holds, as EMQX's does. They end
    /// as a lost connection does, not as a kick: a persistent session stays, to be resumed.
    func v5ListenerAction(_ id: String, _ action: String) -> SandboxResponse {
        guard listeners[id] != nil else { return listenerNotFound(id, status: 400) }
        if action != "start" {
            for (clientID, client) in clients where client.listener == id && client.isConnected {
                if let link = sessions[clientID]?.link { outbox.close(link, after: nil) }
            }
        }
        listeners[id]?.running = action != "stop"
        return SandboxResponse(status: 200)
    }

    /// Connections open through a listener now.
    func connectionCount(_ listenerID: String) -> Int {
        clients.values.count { $0.listener == listenerID && $0.isConnected }
    }

    private func listenerNotFound(_ id: String, status: Int) -> SandboxResponse {
        v5.v5Error(status, "BAD_LISTENER_ID", "Listener id not found: \(id)")
    }

    private func listenerStatus(_ listener: ListenerRecord) -> JSONValue {
        [
            "running": .bool(listener.running), "max_connections": .int(listener.maxConnections),
            "current_connections": .int(Int64(connectionCount(listener.id))),
        ]
    }

    private func listenerSummary(_ listener: ListenerRecord) -> JSONValue {
        [
            "id": .string(listener.id), "type": .string(listener.type), "name": .string(listener.name),
            "enable": .bool(listener.enable), "bind": .string(listener.bind), "acceptors": 16, "number": 1,
            "status": listenerStatus(listener),
            "node_status": [["node": .string(nodeName), "status": listenerStatus(listener)]],
        ]
    }

    private func listenerConfiguration(_ listener: ListenerRecord) -> JSONValue {
        [
            "id": .string(listener.id), "type": .string(listener.type), "running": .bool(listener.running),
            "enable": .bool(listener.enable), "bind": .string(listener.bind), "acceptors": 16,
            "max_connections": .int(listener.maxConnections), "mountpoint": "", "zone": "default",
            "enable_authn": true, "max_conn_rate": "infinity", "access_rules": ["allow all"],
            "proxy_protocol": false, "proxy_protocol_timeout": "3s",
            "tcp_options": [
                "active_n": 100, "backlog": 1024, "buffer": "4KB", "high_watermark": "1MB", "nodelay": true,
                "reuseaddr": true, "send_timeout": "15s", "send_timeout_close": true,
            ],
            "current_connections": .int(Int64(connectionCount(listener.id))),
        ]
    }
}
