import EMQXJSON

/// v5 authenticators: list, show, create, update (enable or disable), delete, move and reorder. Only the built-in
/// database decides anything in the sandbox: enabling it makes MQTT clients log in, disabling it lets anyone in.
extension SandboxState {
    static let authenticatorMechanisms = ["password_based", "jwt", "scram", "gcp_device", "cinfo"]
    static let authorizationTypes = [
        "file", "built_in_database", "http", "redis", "mysql", "postgresql", "mongodb", "ldap",
    ]

    /// What EMQX fills in of an authenticator's configuration when it is created without it.
    static let authenticatorDefaults: [String: JSONObject] = [
        "jwt": [
            "secret_base64_encoded": false, "verify_claims": [:], "from": "password", "acl_claim_name": "acl",
            "disconnect_after_expire": true, "enable": true,
        ],
        "password_based": ["enable": true],
    ]

    static func authenticatorID(_ configuration: JSONObject) -> String? {
        guard let mechanism = configuration["mechanism"]?.stringValue else { return nil }
        return configuration["backend"]?.stringValue.map { "\(mechanism):\($0)" } ?? mechanism
    }

    static func initialAuthenticators(enabled: Bool) -> AccessChain {
        AccessChain(
            [
                [
                    "mechanism": "password_based", "backend": "built_in_database", "user_id_type": "username",
                    "password_hash_algorithm": ["name": "sha256", "salt_position": "suffix"], "enable": .bool(enabled),
                ]
            ], identify: authenticatorID)
    }

    static let initialAuthorizationSources = AccessChain(
        [["type": "built_in_database", "enable": true, "max_rules": 100]], identify: { $0["type"]?.stringValue })

    // MARK: Authenticators

    func v5ListAuthenticators() -> SandboxResponse {
        .json(.array(authenticators.entries.map { authenticatorJSON($0.id, $0.configuration) }))
    }

    /// EMQX adds an authenticator's id to its configuration in what it answers.
    private func authenticatorJSON(_ id: String, _ configuration: JSONObject) -> JSONValue {
        .object(configuration.merging(["id": .string(id)]) { $1 })
    }

    func v5Authenticator(_ id: String) -> SandboxResponse {
        guard let configuration = authenticators[id] else { return authenticatorNotFound(id) }
        return .json(authenticatorJSON(id, configuration))
    }

    func v5CreateAuthenticator(_ call: APICall) -> SandboxResponse {
        guard case .object(let configuration)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        if let problem = authenticatorProblem(configuration) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        let id = Self.authenticatorID(configuration)!
        guard authenticators[id] == nil else {
            return v5.v5Error(409, "ALREADY_EXISTS", "authenticator \(id) already exists")
        }
        var filled = Self.authenticatorDefaults[configuration["mechanism"]?.stringValue ?? ""] ?? [:]
        for (key, value) in configuration { filled[key] = value }
        authenticators[id] = filled
        return .json(authenticatorJSON(id, filled))
    }

    /// A whole new configuration, as EMQX's PUT takes; the mechanism and backend cannot change.
    func v5UpdateAuthenticator(_ id: String, _ call: APICall) -> SandboxResponse {
        guard authenticators[id] != nil else { return authenticatorNotFound(id) }
        guard case .object(var configuration)? = call.body else {
            return v5.v5Error(400, "BAD_REQUEST", "a JSON object is required")
        }
        configuration["id"] = nil
        if let problem = authenticatorProblem(configuration) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        guard Self.authenticatorID(configuration) == id else {
            return v5.v5Error(400, "BAD_REQUEST", "the mechanism and backend of \(id) cannot change")
        }
        authenticators[id] = configuration
        return .noContent
    }

    func v5DeleteAuthenticator(_ id: String) -> SandboxResponse {
        guard authenticators[id] != nil else { return authenticatorNotFound(id) }
        authenticators[id] = nil
        return .noContent
    }

    func v5MoveAuthenticator(_ id: String, to position: String) -> SandboxResponse {
        switch authenticators.move(id, to: position) {
        case nil: return authenticatorNotFound(id)
        case false?:
            return v5.v5Error(
                400, "BAD_REQUEST",
                "position must be front, rear, before:ID or after:ID of another authenticator, not \(position)")
        case true?: return .noContent
        }
    }

    func v5OrderAuthenticators(_ call: APICall) -> SandboxResponse {
        let ids = call.body?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        guard authenticators.reorder(ids) else {
            return v5.v5Error(
                400, "BAD_REQUEST", "the order must name every authenticator once: \(authenticators.entries.map(\.id))")
        }
        return .noContent
    }

    func v5AuthenticatorStatus(_ id: String) -> SandboxResponse {
        guard authenticators[id] != nil else { return authenticatorNotFound(id) }
        let status = id == Self.builtInAuthenticator ? "connected" : "disconnected"
        let success = counters["authentication.success"] ?? 0
        let failed = counters["authentication.failure"] ?? 0
        let metrics: JSONValue = [
            "total": .int(success + failed), "success": .int(success), "failed": .int(failed), "nomatch": 0,
            "rate": 0.0, "rate_max": 0.0, "rate_last5m": 0.0,
        ]
        return .json(statusAndMetrics(status, metrics))
    }

    /// What the status of an authenticator or authorization source answers: its own counts, and those of the
    /// resource behind it (the built-in database needs no connection, so they stay 0).
    func statusAndMetrics(_ status: String, _ metrics: JSONValue) -> JSONValue {
        let resource: JSONValue = [
            "matched": 0, "success": 0, "failed": 0, "rate": 0.0, "rate_max": 0.0, "rate_last5m": 0.0,
        ]
        return [
            "status": .string(status), "metrics": metrics, "resource_metrics": resource, "node_error": [],
            "node_status": [["node": .string(nodeName), "status": .string(status)]],
            "node_metrics": [["node": .string(nodeName), "metrics": metrics]],
            "node_resource_metrics": [["node": .string(nodeName), "metrics": resource]],
        ]
    }

    private func authenticatorNotFound(_ id: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "Authenticator \(id) not found")
    }

    private func authenticatorProblem(_ configuration: JSONObject) -> String? {
        guard let mechanism = configuration["mechanism"]?.stringValue else { return "mechanism is required" }
        guard Self.authenticatorMechanisms.contains(mechanism) else {
            return "mechanism must be one of \(Self.authenticatorMechanisms.joined(separator: ", ")), not \(mechanism)"
        }
        if mechanism == "password_based" && configuration["backend"]?.stringValue == nil {
            return "backend is required for password_based"
        }
        if let enable = configuration["enable"], enable.boolValue == nil { return "enable must be true or false" }
        return nil
    }
}
