import EMQXJSON
import Foundation

/// v5 connectors (HTTP and MQTT): create, list, show, update, enable or disable, start, delete. Each is probed: its
/// status says whether its URL or server accepted a connection, as EMQX's health check reports it.
extension SandboxState {
    static let connectorDefaults: [String: JSONObject] = [
        "http": [
            "enable": true, "description": "", "connect_timeout": "15s", "pool_type": "random", "pool_size": 8,
            "enable_pipelining": 100, "headers": [:], "ssl": ["enable": false], "resource_opts": [:],
        ],
        "mqtt": [
            "enable": true, "description": "", "pool_size": 8, "proto_ver": "v4", "bridge_mode": false,
            "clean_start": true, "keepalive": "160s", "retry_interval": "15s", "max_inflight": 32,
            "ssl": ["enable": false], "resource_opts": [:],
        ],
    ]

    func v5ListConnectors() -> SandboxResponse { .json(.array(connectors.values.map(connectorJSON))) }

    func v5Connector(_ id: String) -> SandboxResponse {
        guard let connector = connectors[id] else { return connectorNotFound(id) }
        return .json(connectorJSON(connector))
    }

    func v5CreateConnector(_ call: APICall) -> SandboxResponse {
        guard case .object(let body)? = call.body, let type = body["type"]?.stringValue,
            let name = body["name"]?.stringValue
        else { return v5.v5Error(400, "BAD_REQUEST", "type and name are required") }
        guard connectors["\(type):\(name)"] == nil else {
            return v5.v5Error(400, "ALREADY_EXISTS", "connector \(type):\(name) already exists")
        }
        return saveConnector(type: type, name: name, body, status: 201)
    }

    func v5UpdateConnector(_ id: String, _ call: APICall) -> SandboxResponse {
        guard let connector = connectors[id] else { return connectorNotFound(id) }
        guard case .object(let body)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        return saveConnector(type: connector.type, name: connector.name, body, status: 200)
    }

    func v5DeleteConnector(_ id: String) -> SandboxResponse {
        guard let connector = connectors[id] else { return connectorNotFound(id) }
        let users = BridgeKind.allCases.flatMap { bridges($0).values.filter { $0.connector == connector.name } }
        guard users.isEmpty else {
            return v5.v5Error(
                400, "BAD_REQUEST",
                "Cannot delete connector while active rules are defined for this connector: "
                    + users.map(\.id).joined(separator: ", "))
        }
        connectors[id] = nil
        return .noContent
    }

    func v5EnableConnector(_ id: String, _ word: String) -> SandboxResponse {
        guard connectors[id] != nil, let enable = ["true": true, "false": false][word] else {
            return connectorNotFound(id)
        }
        connectors[id]?.configuration["enable"] = .bool(enable)
        if enable { probe(connector: id) }
        return .noContent
    }

    func v5StartConnector(_ id: String, _ operation: String) -> SandboxResponse {
        guard connectors[id] != nil, operation == "start" else { return connectorNotFound(id) }
        probe(connector: id)
        return .noContent
    }

    private func saveConnector(type: String, name: String, _ body: JSONObject, status: Int) -> SandboxResponse {
        guard let defaults = Self.connectorDefaults[type] else {
            return v5.v5Error(400, "BAD_REQUEST", "the sandbox serves http and mqtt connectors, not \(type)")
        }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }), !name.isEmpty
        else { return v5.v5Error(400, "BAD_REQUEST", "a name holds letters, digits, '_' and '-'") }
        let key = type == "http" ? "url" : "server"
        guard let endpoint = body[key]?.stringValue, EndpointProbe.endpoint(endpoint) != nil,
            type != "http" || endpoint.hasPrefix("http://") || endpoint.hasPrefix("https://")
        else {
            return v5.v5Error(400, "BAD_REQUEST", "a \(type) connector needs \(key), a host and port to reach")
        }
        var configuration = defaults.merging(body) { $1 }
        for field in ["type", "name", "status", "status_reason", "node_status"] { configuration[field] = nil }
        let id = "\(type):\(name)"
        connectors[id] = ConnectorRecord(type: type, name: name, configuration: configuration, alive: nil)
        probe(connector: id)
        return .json(connectorJSON(connectors[id]!), status: status)
    }

    /// Probes a connector's endpoint in the background; its status changes when the answer comes.
    func probe(connector id: String) {
        guard let endpoint = connectors[id]?.endpoint.flatMap(EndpointProbe.endpoint) else { return }
        probe(endpoint) { state, alive in state.connectors[id]?.alive = alive }
    }

    private func connectorNotFound(_ id: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "Connector not found: \(id)")
    }

    func connectorJSON(_ connector: ConnectorRecord) -> JSONValue {
        var object = connector.configuration
        object["type"] = .string(connector.type)
        object["name"] = .string(connector.name)
        object["status"] = .string(connector.status)
        if connector.status == "disconnected" {
            object["status_reason"] = .string(connector.enable ? "Connection refused" : "Disabled")
        }
        object["node_status"] = [["node": .string(nodeName), "status": .string(connector.status)]]
        // The actions and sources that use it, by name.
        object["actions"] = .array(
            BridgeKind.allCases.flatMap { bridges($0).values }.filter {
                $0.type == connector.type && $0.connector == connector.name
            }.map { .string($0.name) })
        return .object(object)
    }
}
