import EMQXJSON
import OrderedCollections

/// v5 actions and sources: what a rule sends (an HTTP request, an MQTT publish) or takes in (an MQTT subscription),
/// each through a connector whose status it shares.
extension SandboxState {
    func bridges(_ kind: BridgeKind) -> OrderedDictionary<String, BridgeRecord> { kind == .actions ? actions : sources }

    private func setBridge(_ kind: BridgeKind, _ id: String, _ record: BridgeRecord?) {
        if kind == .actions { actions[id] = record } else { sources[id] = record }
    }

    func v5ListBridges(_ kind: BridgeKind) -> SandboxResponse {
        .json(.array(bridges(kind).values.map(bridgeJSON)))
    }

    func v5Bridge(_ kind: BridgeKind, _ id: String) -> SandboxResponse {
        guard let bridge = bridges(kind)[id] else { return bridgeNotFound(kind, id) }
        return .json(bridgeJSON(bridge))
    }

    func v5CreateBridge(_ kind: BridgeKind, _ call: APICall) -> SandboxResponse {
        guard case .object(let body)? = call.body, let type = body["type"]?.stringValue,
            let name = body["name"]?.stringValue
        else { return v5.v5Error(400, "BAD_REQUEST", "type and name are required") }
        guard bridges(kind)["\(type):\(name)"] == nil else {
            return v5.v5Error(400, "ALREADY_EXISTS", "\(type):\(name) already exists")
        }
        return saveBridge(kind, type: type, name: name, body, status: 201)
    }

    func v5UpdateBridge(_ kind: BridgeKind, _ id: String, _ call: APICall) -> SandboxResponse {
        guard let bridge = bridges(kind)[id] else { return bridgeNotFound(kind, id) }
        guard case .object(let body)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        return saveBridge(kind, type: bridge.type, name: bridge.name, body, status: 200)
    }

    func v5DeleteBridge(_ kind: BridgeKind, _ id: String) -> SandboxResponse {
        guard bridges(kind)[id] != nil else { return bridgeNotFound(kind, id) }
        setBridge(kind, id, nil)
        return .noContent
    }

    func v5EnableBridge(_ kind: BridgeKind, _ id: String, _ word: String) -> SandboxResponse {
        guard var bridge = bridges(kind)[id], let enable = ["true": true, "false": false][word] else {
            return bridgeNotFound(kind, id)
        }
        bridge.configuration["enable"] = .bool(enable)
        setBridge(kind, id, bridge)
        return .noContent
    }

    private func saveBridge(
        _ kind: BridgeKind, type: String, name: String, _ body: JSONObject, status: Int
    ) -> SandboxResponse {
        guard kind.types.contains(type) else {
            return v5.v5Error(
                400, "BAD_REQUEST",
                "the sandbox serves \(kind.types.joined(separator: " and ")) \(kind.rawValue), not \(type)")
        }
        guard let connector = body["connector"]?.stringValue, connectors["\(type):\(connector)"] != nil else {
            return v5.v5Error(400, "BAD_REQUEST", "connector: no \(type) connector of that name")
        }
        guard case .object? = body["parameters"] else {
            return v5.v5Error(400, "BAD_REQUEST", "parameters are required")
        }
        var configuration: JSONObject = ["enable": true, "description": "", "resource_opts": [:]]
        configuration.merge(body) { $1 }
        for field in ["type", "name", "status", "status_reason", "node_status"] { configuration[field] = nil }
        let record = BridgeRecord(type: type, name: name, connector: connector, configuration: configuration)
        setBridge(kind, record.id, record)
        return .json(bridgeJSON(record), status: status)
    }

    private func bridgeNotFound(_ kind: BridgeKind, _ id: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "\(kind == .actions ? "Action" : "Source") not found: \(id)")
    }

    /// An action or source shows its connector's status, or `disconnected` while it is disabled.
    func bridgeJSON(_ bridge: BridgeRecord) -> JSONValue {
        var object = bridge.configuration
        let connectorStatus = connectors["\(bridge.type):\(bridge.connector)"]?.status ?? "disconnected"
        let status = bridge.enable ? connectorStatus : "disconnected"
        object["type"] = .string(bridge.type)
        object["name"] = .string(bridge.name)
        object["status"] = .string(status)
        object["node_status"] = [["node": .string(nodeName), "status": .string(status)]]
        return .object(object)
    }
}
