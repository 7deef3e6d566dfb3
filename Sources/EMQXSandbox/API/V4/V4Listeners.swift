import EMQXJSON

/// v4 listeners (per node, restartable) and plugins (listed per node, loaded and unloaded).
extension SandboxState {
    func v4Listeners(node: String?) -> SandboxResponse {
        let list = JSONValue.array(listeners.values.map(v4ListenerJSON))
        guard let node else { return v4.v4Success([["node": .string(nodeName), "listeners": list]]) }
        return node == nodeName ? v4.v4Success(list) : v4.v4Failure(101, "badrpc")
    }

    /// `mqtt:tcp:external` names the sandbox's `tcp:default`, as EMQX 4 names its default listeners.
    func v4RestartListener(_ identifier: String, node: String?) -> SandboxResponse {
        if let node, node != nodeName { return v4.v4Failure(101, "badrpc") }
        guard let id = listeners.values.first(where: { v4Identifier($0) == identifier })?.id else {
            return v4.v4Failure(102, "listener \(identifier) not found")
        }
        _ = v5ListenerAction(id, "restart")
        return v4.v4Success()
    }

    private func v4Identifier(_ listener: ListenerRecord) -> String { "mqtt:\(listener.type):external" }

    private func v4ListenerJSON(_ listener: ListenerRecord) -> JSONValue {
        [
            "identifier": .string(v4Identifier(listener)), "protocol": .string("mqtt:\(listener.type)"),
            "listen_on": .string(listener.bind), "acceptors": 16, "max_conns": .int(listener.maxConnections),
            "current_conns": .int(Int64(connectionCount(listener.id))), "shutdown_count": [],
        ]
    }

    func v4Plugins(node: String?) -> SandboxResponse {
        let list = JSONValue.array(plugins.map { name, active in v4PluginJSON(name, active: active) })
        guard let node else { return v4.v4Success([["node": .string(nodeName), "plugins": list]]) }
        return node == nodeName ? v4.v4Success(list) : v4.v4Failure(101, "badrpc")
    }

    /// `load`, `unload` or `reload`: loading a loaded plugin is 110, unloading an unloaded one 111, as EMQX answers.
    func v4PluginAction(node: String, _ name: String, _ action: String) -> SandboxResponse {
        guard node == nodeName else { return v4.v4Failure(101, "badrpc") }
        guard let active = plugins[name] else { return v4.v4Failure(102, "not_found") }
        switch action {
        case "load" where active: return v4.v4Failure(110, "already_started")
        case "unload" where !active: return v4.v4Failure(111, "not_started")
        // Reloading a plugin that is not loaded loads it, as emqx_plugins:reload does.
        case "load", "unload", "reload": plugins[name] = action != "unload"
        default: return v4.pathNotFound
        }
        return v4.v4Success()
    }

    private func v4PluginJSON(_ name: String, active: Bool) -> JSONValue {
        [
            "name": .string(name), "version": "4.4.19", "active": .bool(active),
            "type": .string(name.hasPrefix("emqx_auth") ? "auth" : "feature"),
            "description": .string(Self.pluginDescriptions[name] ?? ""),
        ]
    }

    /// The plugins an EMQX 4.4 node ships, and whether each starts loaded.
    static let defaultPlugins: [(String, Bool)] = [
        ("emqx_auth_mnesia", true), ("emqx_dashboard", true), ("emqx_delayed_publish", false),
        ("emqx_management", true), ("emqx_recon", true), ("emqx_retainer", true), ("emqx_rule_engine", true),
        ("emqx_bridge_mqtt", false), ("emqx_web_hook", false),
    ]

    private static let pluginDescriptions = [
        "emqx_auth_mnesia": "Authentication and ACL with the built-in database", "emqx_dashboard": "The web dashboard",
        "emqx_delayed_publish": "Delayed publish", "emqx_management": "The management API and CLI",
        "emqx_recon": "Recon", "emqx_retainer": "Retained messages", "emqx_rule_engine": "The rule engine",
        "emqx_bridge_mqtt": "An MQTT bridge", "emqx_web_hook": "Web hooks",
    ]
}
