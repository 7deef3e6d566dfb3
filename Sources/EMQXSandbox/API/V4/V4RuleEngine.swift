import EMQXJSON
import Foundation

/// The v4 rule engine's resources (web hooks, created, probed and deleted), the resource types they are made from, and
/// the actions rules can take; types and actions come with EMQX and cannot be added.
extension SandboxState {
    func v4ResourceTypes(_ name: String?) -> SandboxResponse {
        guard let name else { return v4.v4Success(.array(V4RuleEngineCatalog.resourceTypes)) }
        guard let type = V4RuleEngineCatalog.resourceTypes.first(where: { $0["name"]?.stringValue == name }) else {
            return v4.v4Failure(102, "resource type \(name) not found")
        }
        return v4.v4Success(type)
    }

    func v4RuleActions(_ name: String?) -> SandboxResponse {
        guard let name else { return v4.v4Success(.array(V4RuleEngineCatalog.actions)) }
        guard let action = V4RuleEngineCatalog.actions.first(where: { $0["name"]?.stringValue == name }) else {
            return v4.v4Failure(102, "action \(name) not found")
        }
        return v4.v4Success(action)
    }

    func v4CreateResource(_ call: APICall) -> SandboxResponse {
        guard let type = call.body?["type"]?.stringValue, case .object(let config)? = call.body?["config"] else {
            return v4.v4Failure(107, "type and config are required")
        }
        guard V4RuleEngineCatalog.resourceTypes.contains(where: { $0["name"]?.stringValue == type }) else {
            return v4.v4Failure(108, "no resource type \(type)")
        }
        guard let url = config["url"]?.stringValue, let endpoint = EndpointProbe.endpoint(url) else {
            return v4.v4Failure(108, "config.url must be a URL with a host to reach")
        }
        var full = config
        if full["method"] == nil { full["method"] = "POST" }
        if full["headers"] == nil { full["headers"] = [:] }
        let id = "resource:" + SandboxAuthenticator.randomHex(4)
        let record = V4Resource(
            id: id, type: type, config: full, description: call.body?["description"]?.stringValue ?? "", alive: false)
        resources[id] = record
        probe(endpoint) { state, alive in state.resources[id]?.alive = alive }
        return v4.v4Success(resourceJSON(record, withStatus: false))
    }

    func v4Resources(_ id: String?) -> SandboxResponse {
        guard let id else { return v4.v4Success(.array(resources.values.map { resourceJSON($0, withStatus: false) })) }
        guard let record = resources[id] else { return v4.v4Failure(102, "resource \(id) not found") }
        return v4.v4Success(resourceJSON(record, withStatus: true))
    }

    func v4DeleteResource(_ id: String) -> SandboxResponse {
        guard resources.removeValue(forKey: id) != nil else { return v4.v4Failure(102, "resource \(id) not found") }
        return v4.v4Success()
    }

    /// One resource shows whether its endpoint is alive; the list and the creation's answer do not, as in EMQX 4.4.
    private func resourceJSON(_ record: V4Resource, withStatus: Bool) -> JSONValue {
        var object: JSONObject = [
            "id": .string(record.id), "type": .string(record.type), "config": .object(record.config),
            "description": .string(record.description),
        ]
        if withStatus { object["status"] = [["node": .string(nodeName), "is_alive": .bool(record.alive)]] }
        return .object(object)
    }
}

/// A v4 rule-engine resource: a configured instance of a resource type.
struct V4Resource: Sendable {
    var id: String
    var type: String
    var config: JSONObject
    var description: String
    /// Whether the endpoint accepted a connection at the last probe.
    var alive: Bool
}
