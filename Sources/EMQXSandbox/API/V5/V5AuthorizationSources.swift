import EMQXJSON

/// v5 authorization sources and settings: list, show, create, update (enable or disable), delete, move and reorder.
/// The built-in database's rules apply only while it is enabled; `no_match` decides what no rule matched.
extension SandboxState {
    func v5ListAuthorizationSources() -> SandboxResponse {
        .json(["sources": .array(authorizationSources.entries.map { .object($0.configuration) })])
    }

    func v5AuthorizationSource(_ type: String) -> SandboxResponse {
        guard let configuration = authorizationSources[type] else { return sourceNotFound(type) }
        return .json(.object(configuration))
    }

    func v5CreateAuthorizationSource(_ call: APICall) -> SandboxResponse {
        guard case .object(let configuration)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        if let problem = sourceProblem(configuration) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        let type = configuration["type"]!.stringValue!
        guard authorizationSources[type] == nil else {
            return v5.v5Error(400, "BAD_REQUEST", "an authorization source of type \(type) already exists")
        }
        authorizationSources[type] = configuration
        return .noContent
    }

    func v5UpdateAuthorizationSource(_ type: String, _ call: APICall) -> SandboxResponse {
        guard authorizationSources[type] != nil else { return sourceNotFound(type) }
        guard case .object(let configuration)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        if let problem = sourceProblem(configuration) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        guard configuration["type"]?.stringValue == type else {
            return v5.v5Error(400, "BAD_REQUEST", "the type of the \(type) source cannot change")
        }
        authorizationSources[type] = configuration
        return .noContent
    }

    func v5DeleteAuthorizationSource(_ type: String) -> SandboxResponse {
        guard authorizationSources[type] != nil else { return sourceNotFound(type) }
        authorizationSources[type] = nil
        return .noContent
    }

    func v5MoveAuthorizationSource(_ type: String, _ call: APICall) -> SandboxResponse {
        guard let position = call.body?["position"]?.stringValue else {
            return v5.v5Error(400, "BAD_REQUEST", "position is required")
        }
        switch authorizationSources.move(type, to: position) {
        case nil: return sourceNotFound(type)
        case false?:
            return v5.v5Error(
                400, "BAD_REQUEST", "position must be front, rear, before:TYPE or after:TYPE of another source")
        case true?: return .noContent
        }
    }

    func v5OrderAuthorizationSources(_ call: APICall) -> SandboxResponse {
        let types = call.body?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        guard authorizationSources.reorder(types) else {
            let all = authorizationSources.entries.map(\.id).joined(separator: ", ")
            return v5.v5Error(400, "BAD_REQUEST", "the order must name every source once: \(all)")
        }
        return .noContent
    }

    func v5AuthorizationSourceStatus(_ type: String) -> SandboxResponse {
        guard authorizationSources[type] != nil else { return sourceNotFound(type) }
        let allow = counters["authorization.allow"] ?? 0
        let deny = counters["authorization.deny"] ?? 0
        let metrics: JSONValue = [
            "total": .int(allow + deny), "allow": .int(allow), "deny": .int(deny), "nomatch": 0, "rate": 0.0,
            "rate_max": 0.0, "rate_last5m": 0.0,
        ]
        let status = type == "built_in_database" || type == "file" ? "connected" : "disconnected"
        var answer = statusAndMetrics(status, metrics).objectValue ?? [:]
        answer["node_error"] = nil
        return .json(.object(answer))
    }

    func v5AuthorizationSettings() -> SandboxResponse { .json(.object(authorizationSettings)) }

    func v5UpdateAuthorizationSettings(_ call: APICall) -> SandboxResponse {
        guard case .object(let settings)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        for (key, allowed) in [("no_match", ["allow", "deny"]), ("deny_action", ["ignore", "disconnect"])] {
            guard let value = settings[key]?.stringValue, allowed.contains(value) else {
                return v5.v5Error(400, "BAD_REQUEST", "\(key) must be \(allowed.joined(separator: " or "))")
            }
        }
        authorizationSettings = settings
        return .json(.object(settings))
    }

    private func sourceNotFound(_ type: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "Not found: \(type)")
    }

    private func sourceProblem(_ configuration: JSONObject) -> String? {
        guard let type = configuration["type"]?.stringValue else { return "type is required" }
        guard Self.authorizationTypes.contains(type) else {
            return "type must be one of \(Self.authorizationTypes.joined(separator: ", ")), not \(type)"
        }
        if type == "file" && configuration["rules"]?.stringValue == nil { return "a file source needs rules" }
        if let enable = configuration["enable"], enable.boolValue == nil { return "enable must be true or false" }
        return nil
    }
}
