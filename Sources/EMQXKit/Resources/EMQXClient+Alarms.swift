import EMQXJSON

extension EMQXClient {
    /// Deactivates an active alarm by name (EMQX 4: `POST /alarms/deactivated`).
    ///
    /// EMQX 5 has no such operation: it deactivates an alarm itself when the condition clears, and `DELETE /alarms`
    /// removes the deactivated ones.
    ///
    /// - Parameters:
    ///   - name: The alarm's name, as `alarms` lists it.
    ///   - node: The node raising it; nil takes the node that lists it.
    /// - Throws: `EMQXError`: `.unsupported` on v5, `.invalidArgument` when no active alarm has the name, the API's
    ///     refusal, or `.network`, `.tls`, `.timeout`, `.invalidResponse`.
    public func deactivateAlarm(_ name: String, node: String? = nil) async throws(EMQXError) {
        guard try await generation() == .v4 else {
            throw EMQXError(
                .unsupported,
                "EMQX 5 deactivates an alarm itself when its condition clears; 'delete /alarms' removes the "
                    + "deactivated ones")
        }
        let raised = try await alarms(active: true).filter { $0.name == name && (node == nil || $0.node == node) }
        guard let alarm = raised.first else {
            throw EMQXError(.invalidArgument, "no active alarm \(name)\(node.map { " on \($0)" } ?? "")")
        }
        let body: JSONValue = ["name": .string(name), "node": .string(node ?? alarm.node ?? "")]
        _ = try await send(APIRequest(.post, "/alarms/deactivated", body: body))
    }
}
