/// The EMQX 5.x management API the sandbox serves, path by path (EMQX 5.8's OpenAPI names).
enum V5Routes {
    static func register(_ routes: APIRoutes) {
        routes.get("status") { state, _ in
            .text("Node \(state.nodeName) is started\nemqx is running", status: 200)
        }
        // Clients and their subscriptions.
        routes.get("clients") { state, call in state.v5ListClients(call) }
        routes.post("clients/kickout/bulk") { state, call in state.v5KickMany(call) }
        routes.get("clients/:clientid") { state, call in state.v5Client(call["clientid"]) }
        routes.delete("clients/:clientid") { state, call in state.v5Kick(call["clientid"]) }
        routes.get("clients/:clientid/subscriptions") { state, call in state.v5ClientSubscriptions(call["clientid"]) }
        routes.post("clients/:clientid/subscribe") { state, call in state.v5Subscribe(call["clientid"], call) }
        routes.post("clients/:clientid/subscribe/bulk") { state, call in state.v5SubscribeMany(call["clientid"], call) }
        routes.post("clients/:clientid/unsubscribe") { state, call in state.v5Unsubscribe(call["clientid"], call) }
        routes.post("clients/:clientid/unsubscribe/bulk") { state, call in
            state.v5UnsubscribeMany(call["clientid"], call)
        }
        routes.get("subscriptions") { state, call in state.v5ListSubscriptions(call) }
        routes.get("topics") { state, call in state.v5ListTopics(call) }
        routes.get("topics/:topic") { state, call in state.v5Topic(call["topic"]) }
        // Publishing.
        routes.post("publish") { state, call in state.v5Publish(call) }
        routes.post("publish/bulk") { state, call in state.v5PublishMany(call) }
        // The built-in database: authentication users and authorization rules.
        routes.get("authentication/:authenticator/users") { state, call in state.v5ListUsers(call) }
        routes.post("authentication/:authenticator/users") { state, call in state.v5AddUser(call) }
        routes.get("authentication/:authenticator/users/:user") { state, call in state.v5User(call) }
        routes.put("authentication/:authenticator/users/:user") { state, call in state.v5UpdateUser(call) }
        routes.delete("authentication/:authenticator/users/:user") { state, call in state.v5DeleteUser(call) }
        let rules = "authorization/sources/built_in_database/rules"
        routes.delete(rules) { state, _ in state.v5DeleteAllRules() }
        routes.get(rules + "/all") { state, _ in state.v5EveryoneRules() }
        routes.post(rules + "/all") { state, call in state.v5SetEveryoneRules(call) }
        routes.delete(rules + "/all") { state, _ in state.v5DeleteEveryoneRules() }
        for principal in AuthzPrincipal.allCases {
            routes.get(rules + "/" + principal.pathName) { state, call in state.v5ListRules(principal, call) }
            routes.post(rules + "/" + principal.pathName) { state, call in state.v5AddRules(principal, call) }
            let one = rules + "/" + principal.pathName + "/:who"
            routes.get(one) { state, call in state.v5Rules(principal, call["who"]) }
            routes.put(one) { state, call in state.v5SetRules(principal, call["who"], call) }
            routes.delete(one) { state, call in state.v5DeleteRules(principal, call["who"]) }
        }
        // Bans, rules, alarms and the node.
        routes.get("banned") { state, call in state.v5ListBans(call) }
        routes.post("banned") { state, call in state.v5Ban(call) }
        routes.delete("banned") { state, _ in state.v5DeleteAllBans() }
        routes.delete("banned/:as/:who") { state, call in state.v5Unban(call["as"], call["who"]) }
        routes.get("rules") { state, call in state.v5ListRules(call) }
        routes.post("rules") { state, call in state.v5CreateRule(call) }
        routes.get("rules/:id") { state, call in state.v5Rule(call["id"]) }
        routes.put("rules/:id") { state, call in state.v5UpdateRule(call["id"], call) }
        routes.delete("rules/:id") { state, call in state.v5DeleteRule(call["id"]) }
        routes.get("alarms") { state, call in state.v5ListAlarms(call) }
        routes.delete("alarms") { state, _ in state.v5DeleteClearedAlarms() }
        routes.get("metrics") { state, call in state.v5Metrics(aggregate: call.queryValue("aggregate") == "true") }
        routes.get("stats") { state, call in state.v5Stats(aggregate: call.queryValue("aggregate") == "true") }
        routes.get("nodes") { state, _ in .json([state.v5NodeObject()]) }
        routes.get("nodes/:node") { state, call in state.v5Node(call["node"]) }
        routes.get("nodes/:node/metrics") { state, call in state.v5NodeMetrics(call["node"]) }
        routes.get("nodes/:node/stats") { state, call in state.v5NodeStats(call["node"]) }
        routes.get("mqtt/retainer/messages") { state, call in state.v5ListRetained(call) }
        routes.delete("mqtt/retainer/messages") { state, _ in state.v5ClearRetained() }
        routes.get("mqtt/retainer/message/:topic") { state, call in state.v5RetainedMessage(call["topic"]) }
        routes.delete("mqtt/retainer/message/:topic") { state, call in state.v5DeleteRetained(call["topic"]) }
        routes.get("mqtt/topic_metrics") { state, _ in state.v5ListTopicMetrics() }
        routes.post("mqtt/topic_metrics") { state, call in state.v5AddTopicMetric(call) }
        routes.put("mqtt/topic_metrics") { state, call in state.v5ResetTopicMetrics(call) }
        routes.get("mqtt/topic_metrics/:topic") { state, call in state.v5TopicMetric(call["topic"]) }
        routes.delete("mqtt/topic_metrics/:topic") { state, call in state.v5DeleteTopicMetric(call["topic"]) }
        V5AccessRoutes.register(routes)
        V5ConnectorRoutes.register(routes)
        routes.get("cluster") { state, _ in
            .json(["name": "emqxcl", "nodes": [.string(state.nodeName)], "self": .string(state.nodeName)])
        }
        routes.get("mqtt/delayed") { state, _ in state.v5DelayedSettings() }
        routes.put("mqtt/delayed") { state, call in state.v5UpdateDelayedSettings(call) }
        routes.get("mqtt/delayed/messages") { state, call in state.v5ListDelayed(call) }
        routes.get("mqtt/delayed/messages/:node/:msgid") { state, call in
            state.v5DelayedMessage(node: call["node"], call["msgid"])
        }
        routes.delete("mqtt/delayed/messages/:node/:msgid") { state, call in
            state.v5DeleteDelayed(node: call["node"], call["msgid"])
        }
        // The router wants one name per position: `{topic}` is served as `{node}` and described by its own name.
        routes.delete("mqtt/delayed/messages/:node", described: false) { state, call in
            state.v5DeleteDelayedTopic(call["node"])
        }
        routes.describe(.delete, "mqtt/delayed/messages/:topic")
        routes.get("slow_subscriptions") { state, call in state.v5ListSlowSubscriptions(call) }
        routes.delete("slow_subscriptions") { state, _ in state.v5ClearSlowSubscriptions() }
        routes.get("slow_subscriptions/settings") { state, _ in state.v5SlowSubscriptionSettings() }
        routes.put("slow_subscriptions/settings") { state, call in state.v5UpdateSlowSubscriptionSettings(call) }
        for section in SandboxState.initialConfiguration.map(\.0) {
            routes.get("configs/" + section) { state, _ in state.v5ConfigSection(section) }
            routes.put("configs/" + section) { state, call in state.v5UpdateConfigSection(section, call) }
        }
        // API keys, for a dashboard login only (the gate refuses an API key here, as EMQX does).
        routes.post("login") { state, call in state.v5Login(call) }
        routes.get("api_key") { state, _ in state.v5ListAPIKeys() }
        routes.post("api_key") { state, call in state.v5CreateAPIKey(call) }
        routes.get("api_key/:name") { state, call in state.v5APIKey(call["name"]) }
        routes.put("api_key/:name") { state, call in state.v5UpdateAPIKey(call["name"], call) }
        routes.delete("api_key/:name") { state, call in state.v5DeleteAPIKey(call["name"]) }
        routes.get("plugins") { _, _ in .json([]) }
        routes.get("plugins/:name") { state, call in
            state.v5.v5Error(404, "NOT_FOUND", "plugin \(call["name"]) is not installed")
        }
        routes.get("listeners") { state, call in state.v5ListListeners(call) }
        routes.get("listeners/:id") { state, call in state.v5Listener(call["id"]) }
        for action in ["start", "stop", "restart"] {
            routes.post("listeners/:id/" + action) { state, call in state.v5ListenerAction(call["id"], action) }
        }
        routes.get("trace") { state, _ in state.v5ListTraces() }
        routes.post("trace") { state, call in state.v5CreateTrace(call) }
        routes.delete("trace") { state, _ in state.v5ClearTraces() }
        routes.put("trace/:name/stop") { state, call in state.v5StopTrace(call["name"]) }
        routes.delete("trace/:name") { state, call in state.v5DeleteTrace(call["name"]) }
        routes.get("trace/:name/log") { state, call in state.v5TraceLog(call["name"], call) }
    }
}
