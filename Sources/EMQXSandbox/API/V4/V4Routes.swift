/// The EMQX 4.4 management API the sandbox serves (under `/api/v4`, and under EMQX Cloud's `/api`).
enum V4Routes {
    static func register(_ routes: APIRoutes) {
        routes.get("brokers") { state, _ in state.v4.v4Success([state.v4Broker()]) }
        routes.get("brokers/:node") { state, call in state.v4Broker(call["node"]) }
        routes.get("nodes") { state, _ in state.v4.v4Success([state.v4NodeObject()]) }
        routes.get("nodes/:node") { state, call in state.v4Node(call["node"]) }
        routes.get("nodes/:node/metrics") { state, call in state.v4NodeMetrics(call["node"]) }
        routes.get("nodes/:node/stats") { state, call in state.v4NodeStats(call["node"]) }
        // Clients, on the cluster or on one node.
        for prefix in ["", "nodes/:node/"] {
            routes.get(prefix + "clients") { state, call in state.v4ListClients(call) }
            routes.get(prefix + "clients/:clientid") { state, call in state.v4Client(call["clientid"], call) }
            routes.get(prefix + "clients/username/:username") { state, call in
                state.v4ClientsOfUser(call["username"], call)
            }
        }
        routes.delete("clients/:clientid") { state, call in state.v4Kick(call["clientid"]) }
        routes.get("subscriptions") { state, call in state.v4ListSubscriptions(call) }
        routes.get("subscriptions/:clientid") { state, call in state.v4Subscriptions(of: call["clientid"]) }
        routes.get("routes") { state, call in state.v4ListRoutes(call) }
        routes.get("routes/:topic") { state, call in state.v4Route(call["topic"]) }
        // Publishing and subscribing on a client's behalf.
        routes.post("mqtt/publish") { state, call in state.v4Publish(call) }
        routes.post("mqtt/publish_batch") { state, call in state.v4PublishMany(call) }
        routes.post("mqtt/subscribe") { state, call in state.v4Subscribe(call, subscribe: true) }
        routes.post("mqtt/unsubscribe") { state, call in state.v4Subscribe(call, subscribe: false) }
        routes.post("mqtt/subscribe_batch") { state, call in state.v4SubscribeMany(call, subscribe: true) }
        routes.post("mqtt/unsubscribe_batch") { state, call in state.v4SubscribeMany(call, subscribe: false) }
        // The built-in database: users (two tables) and ACL rules.
        for (path, principal) in [("auth_username", AuthzPrincipal.username), ("auth_clientid", .clientid)] {
            routes.get(path) { state, call in state.v4ListUsers(principal, call) }
            routes.post(path) { state, call in state.v4AddUsers(principal, call) }
            routes.get(path + "/:id") { state, call in state.v4User(principal, call["id"]) }
            routes.put(path + "/:id") { state, call in state.v4ChangePassword(principal, call["id"], call) }
            routes.delete(path + "/:id") { state, call in state.v4DeleteUser(principal, call["id"]) }
        }
        routes.post("acl") { state, call in state.v4AddACL(call) }
        routes.get("acl/$all") { state, call in state.v4ListACL(nil, call) }
        routes.delete("acl/$all/topic/:topic") { state, call in state.v4DeleteACL(nil, "$all", call["topic"]) }
        for principal in AuthzPrincipal.allCases {
            let path = "acl/" + principal.key
            routes.get(path) { state, call in state.v4ListACL(principal, call) }
            routes.get(path + "/:who") { state, call in state.v4ACL(principal, call["who"]) }
            routes.delete(path + "/:who/topic/:topic") { state, call in
                state.v4DeleteACL(principal, call["who"], call["topic"])
            }
        }
        // Bans, rules, alarms and counters.
        routes.get("banned") { state, call in state.v4ListBans(call) }
        routes.post("banned") { state, call in state.v4Ban(call) }
        routes.delete("banned/:as/:who") { state, call in state.v4Unban(call["as"], call["who"]) }
        routes.get("rules") { state, call in state.v4ListRules(call) }
        routes.post("rules") { state, call in state.v4CreateRule(call) }
        routes.get("rules/:id") { state, call in state.v4Rule(call["id"]) }
        routes.put("rules/:id") { state, call in state.v4UpdateRule(call["id"], call) }
        routes.delete("rules/:id") { state, call in state.v4DeleteRule(call["id"]) }
        for (path, active) in [("alarms/present", true), ("alarms/history", false)] {
            routes.get(path) { state, _ in state.v4Alarms(active: active, node: nil) }
            routes.get(path + "/:node") { state, call in state.v4Alarms(active: active, node: call["node"]) }
        }
        routes.get("resource_types") { state, _ in state.v4ResourceTypes(nil) }
        routes.get("resource_types/:name") { state, call in state.v4ResourceTypes(call["name"]) }
        routes.get("actions") { state, _ in state.v4RuleActions(nil) }
        routes.get("actions/:name") { state, call in state.v4RuleActions(call["name"]) }
        routes.get("resources") { state, _ in state.v4Resources(nil) }
        routes.post("resources") { state, call in state.v4CreateResource(call) }
        routes.get("resources/:id") { state, call in state.v4Resources(call["id"]) }
        routes.delete("resources/:id") { state, call in state.v4DeleteResource(call["id"]) }
        routes.get("listeners") { state, _ in state.v4Listeners(node: nil) }
        routes.get("nodes/:node/listeners") { state, call in state.v4Listeners(node: call["node"]) }
        routes.put("listeners/:id/restart") { state, call in state.v4RestartListener(call["id"], node: nil) }
        routes.put("nodes/:node/listeners/:id/restart") { state, call in
            state.v4RestartListener(call["id"], node: call["node"])
        }
        routes.get("plugins") { state, _ in state.v4Plugins(node: nil) }
        routes.get("nodes/:node/plugins") { state, call in state.v4Plugins(node: call["node"]) }
        for action in ["load", "unload", "reload"] {
            routes.put("nodes/:node/plugins/:plugin/" + action) { state, call in
                state.v4PluginAction(node: call["node"], call["plugin"], action)
            }
        }
        routes.post("alarms/deactivated") { state, call in state.v4DeactivateAlarm(call) }
        routes.get("metrics") { state, _ in
            state.v4.v4Success([
                ["node": .string(state.nodeName), "metrics": state.metricsObject(MetricNames.v4Metrics)]
            ])
        }
        routes.get("stats") { state, _ in
            state.v4.v4Success([["node": .string(state.nodeName), "stats": state.statsObject(MetricNames.v4Stats)]])
        }
    }
}
