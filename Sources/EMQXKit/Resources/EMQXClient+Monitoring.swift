import EMQXJSON

extension EMQXClient {
    /// The cluster's nodes.
    ///
    /// - Returns: One entry per node.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func nodes() async throws(EMQXError) -> [NodeInfo] {
        let response = try await perform(.nodes)
        return try response.list().map(NodeInfo.init(json:))
    }

    /// One node.
    ///
    /// - Parameter name: The node's name, such as `emqx@127.0.0.1`.
    /// - Returns: The node's details.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func node(_ name: String) async throws(EMQXError) -> NodeInfo {
        let response = try await perform(.getNode(name))
        return NodeInfo(json: try response.object())
    }

    /// Per-node metrics (`messages.received`, `bytes.sent`, …), flattened the same on both generations.
    ///
    /// - Returns: One set of counters per node.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func metrics() async throws(EMQXError) -> [NodeCounters] {
        let response = try await perform(.metrics)
        return Self.counters(response.data, nestedKey: "metrics")
    }

    /// Per-node stats (`connections.count`, `topics.count`, …), flattened the same on both generations.
    ///
    /// - Returns: One set of gauges per node.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func stats() async throws(EMQXError) -> [NodeCounters] {
        let response = try await perform(.stats)
        return Self.counters(response.data, nestedKey: "stats")
    }

    static func counters(_ data: JSONValue, nestedKey: String) -> [NodeCounters] {
        if let list = data.arrayValue { return list.map { NodeCounters(json: $0, nestedKey: nestedKey) } }
        return [NodeCounters(json: data, nestedKey: nestedKey)]
    }

    /// Alarms: the active ones, or the cleared history.
    ///
    /// - Parameter active: The active alarms (true) or the cleared ones.
    /// - Returns: The alarms, each with its node.
    /// - Throws: `EMQXError`: the API's refusal (`.clientError` with its code, `.serverError`), or `.network`, `.tls`,
    ///     `.timeout`, `.invalidResponse`.
    public func alarms(active: Bool = true) async throws(EMQXError) -> [Alarm] {
        let generation = try await generation()
        let response = try await perform(.alarms(active: active))
        if generation == .v4 {
            // v4: [{node, alarms: [{name|id, message|desc, …}]}]
            return try response.list().flatMap { entry -> [Alarm] in
                let node = entry["node"]?.stringValue
                return (entry["alarms"]?.arrayValue ?? []).map { alarm in
                    Alarm(
                        node: node, name: alarm["name"]?.stringValue ?? alarm["id"]?.stringValue ?? "",
                        message: alarm["message"]?.stringValue ?? alarm["desc"]?.stringValue, isActive: active,
                        raw: alarm)
                }
            }
        }
        return try response.list().map { alarm in
            Alarm(
                node: alarm["node"]?.stringValue, name: alarm["name"]?.stringValue ?? "",
                message: alarm["message"]?.stringValue, isActive: active, raw: alarm)
        }
    }
}
