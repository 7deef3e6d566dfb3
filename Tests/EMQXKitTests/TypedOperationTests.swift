import EMQXJSON
import EMQXKit
import EMQXSandbox
import Testing

/// Every typed operation against the sandbox over real sockets, once per API style.
@Suite struct TypedOperationTests {
    @Test(arguments: apiStyles)
    func detectsTheGeneration(_ style: Sandbox.APIStyle, _ expected: APIGeneration) async throws {
        try await withSandbox(style) { _, client async throws in
            #expect(try await client.generation() == expected)
            #expect(try await client.nodes().first?.version?.hasPrefix(expected == .v5 ? "5." : "4.") == true)
        }
    }

    @Test(arguments: apiStyles)
    func clientsKickAndSubscriptions(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { sandbox, client async throws in
            await sandbox.state.seed(SandboxClient(clientID: "sensor/1", username: "alice"))
            await sandbox.state.seed(SandboxClient(clientID: "café 2", username: "bob"))
            await sandbox.state.seed(SandboxClient(clientID: "gone", username: "bob"))
            #expect(try await client.clients().collect().map(\.clientID) == ["sensor/1", "café 2", "gone"])
            var query = ClientQuery()
            query.usernameContains = "bo"
            #expect(try await client.clients(query).collect().map(\.clientID) == ["café 2", "gone"])
            let one = try await client.client("sensor/1")
            #expect(one.username == "alice" && one.isConnected)

            try await client.subscribe("sensor/1", to: [SubscribeRequest(topic: "cmd/#", qos: 1)])
            try await client.subscribe(
                "sensor/1", to: [SubscribeRequest(topic: "a/+", qos: 0), SubscribeRequest(topic: "b", qos: 2)])
            #expect(try await client.subscriptions(of: "sensor/1").map(\.topic) == ["cmd/#", "a/+", "b"])
            var filter = SubscriptionQuery()
            filter.matchTopic = "cmd/reboot"
            #expect(try await client.subscriptions(filter).collect().map(\.topic) == ["cmd/#"])
            #expect(try await client.topics().collect().map(\.topic).sorted() == ["a/+", "b", "cmd/#"])
            #expect(try await client.topic("cmd/#").count == 1)
            #expect(try await client.topic("nobody/listens").isEmpty)
            try await client.unsubscribe("sensor/1", from: ["a/+", "b"])
            try await client.unsubscribe("sensor/1", from: ["cmd/#"])
            #expect(try await client.subscriptions(of: "sensor/1").isEmpty)

            try await client.kick("sensor/1")
            try await client.kick(["café 2", "gone"])
            #expect(try await client.clients().collect().isEmpty)
            let notFound = generation == .v4 ? "112" : "CLIENTID_NOT_FOUND"
            await expectError(.clientError, apiCode: notFound) { try await client.kick("ghost") }
            await expectError(.clientError, apiCode: notFound) { _ = try await client.client("ghost") }
            await expectError(.clientError, apiCode: notFound) {
                try await client.subscribe("ghost", to: [SubscribeRequest(topic: "t")])
            }
        }
    }

    @Test(arguments: apiStyles)
    func publishReachesSubscribers(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { sandbox, client async throws in
            var subscriber = SandboxClient(clientID: "sub")
            subscriber.subscriptions = [SandboxSubscription(topic: "t/#", qos: 1)]
            await sandbox.state.seed(subscriber)
            let properties = MessageProperties(contentType: "text/plain", userProperties: ["k": "v"])
            let result = try await client.publish(
                PublishMessage(topic: "t/1", payload: "héllo", qos: 1, properties: properties))
            #expect(result.delivered)
            if generation == .v5 {
                #expect(result.id?.count == 32)
                let missed = try await client.publish(PublishMessage(topic: "other", payload: "x"))
                #expect(!missed.delivered && missed.reasonCode == 16)
            }
            try await client.publish(PublishMessage(topic: "t/2", payload: "AAEC", encoding: .base64, retain: true))
            let results = try await client.publish([
                PublishMessage(topic: "t/3", payload: "a"), PublishMessage(topic: "t/4", payload: "b"),
            ])
            #expect(results.count == 2 && results.allSatisfy(\.delivered))
            let delivered = await sandbox.state.deliveredMessages()
            #expect(delivered.map(\.topic) == ["t/1", "t/2", "t/3", "t/4"])
            #expect(delivered[0].payload == Array("héllo".utf8))
            #expect(delivered[1].payload == [0, 1, 2])
            await #expect {
                try await client.publish(PublishMessage(topic: "bad/#", payload: "x"))
            } throws: { error in
                let error = error as? EMQXError
                return generation == .v4 ? error?.v4ResultCode == .illegalTopic : error?.apiCode == "BAD_TOPIC"
            }
        }
    }

    @Test(arguments: apiStyles)
    func authenticationUsers(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { _, client async throws in
            try await client.addUser("alice", password: "pw1")
            try await client.addUser("al/ex", password: "pw2", isSuperuser: true)
            #expect(try await client.users().collect().map(\.userID) == ["alice", "al/ex"])
            #expect(try await client.users(contains: "/").collect().map(\.userID) == ["al/ex"])
            #expect(try await client.user("al/ex").userID == "al/ex")
            try await client.changePassword(of: "alice", to: "pw3")
            // 4.4 answers a second user with no result code, only `{"message": "{error,existed}"}`.
            await expectError(
                .clientError, apiCode: generation == .v4 ? nil : "ALREADY_EXISTS",
                saying: generation == .v4 ? "existed" : "already exists"
            ) {
                try await client.addUser("alice", password: "again")
            }
            try await client.deleteUser("alice")
            await expectError(.clientError, apiCode: generation == .v4 ? "105" : "NOT_FOUND") {
                _ = try await client.user("alice")
            }
            if generation == .v4 {
                try await client.addUser("dev-1", password: "pw", type: .clientid)
                #expect(try await client.users(.clientid).collect().map(\.userID) == ["dev-1"])
            }
        }
    }

    @Test(arguments: apiStyles)
    func aclRules(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { _, client async throws in
            let rules = [
                ACLRule(principal: .username("alice"), topic: "t/#", action: .publish, permission: .allow),
                ACLRule(principal: .username("alice"), topic: "secret/#", action: .all, permission: .deny),
                ACLRule(principal: .clientid("dev/1"), topic: "cmd/+", action: .subscribe, permission: .allow),
                ACLRule(principal: .all, topic: "#", action: .all, permission: .deny),
            ]
            for rule in rules { try await client.addACLRule(rule) }
            #expect(try await client.aclRules(for: .username("alice")) == Array(rules[0...1]))
            #expect(try await client.aclRules(.username).collect() == Array(rules[0...1]))
            #expect(try await client.aclRules(.clientid).collect() == [rules[2]])
            #expect(try await client.aclRules(.all).collect() == [rules[3]])
            try await client.deleteACLRule(.username("alice"), topic: "t/#")
            try await client.deleteACLRule(.clientid("dev/1"), topic: "cmd/+")
            try await client.deleteACLRule(.all, topic: "#")
            #expect(try await client.aclRules(for: .username("alice")) == [rules[1]])
            #expect(try await client.aclRules(for: .clientid("dev/1")).isEmpty)
            #expect(try await client.aclRules(.all).collect().isEmpty)
        }
    }

    @Test(arguments: apiStyles)
    func bannedMonitoringAndRules(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { sandbox, client async throws in
            let ban = try await client.ban(Ban(kind: .clientid, who: "bad/1", reason: "spam"))
            #expect(ban.who == "bad/1" && ban.reason == "spam")
            // v5 answers the whole ban, the server's `by` included; 4.4 answers {who, as} and the rest is what was
            // asked.
            #expect(generation == .v4 ? ban.raw["as"] == "clientid" : ban.by != nil)
            #expect(try await client.banned().collect().map(\.who) == ["bad/1"])
            try await client.unban(.clientid, "bad/1")
            #expect(try await client.banned().collect().isEmpty)
            if generation == .v4 {
                await expectError(.unsupported, apiCode: nil) {
                    try await client.ban(Ban(kind: .clientidRegex, who: "x.*"))
                }
            }

            await sandbox.state.seed(SandboxClient(clientID: "c1"))
            let stats = try await client.stats()
            #expect(stats.first?.values["connections.count"] == 1)
            let metrics = try await client.metrics()
            #expect(metrics.first?.node == "emqx@127.0.0.1" && metrics.first?.values["messages.received"] != nil)
            #expect(try await client.node("emqx@127.0.0.1").node == "emqx@127.0.0.1")
            await sandbox.state.raiseAlarm(name: "high_cpu_usage", message: "cpu 95%")
            #expect(try await client.alarms().map(\.name) == ["high_cpu_usage"])
            #expect(try await client.alarms(active: false).isEmpty)

            let created = try await client.createRule(RuleDraft(sql: "SELECT * FROM \"t/#\"", description: "demo"))
            #expect(created.sql == "SELECT * FROM \"t/#\"" && !created.id.isEmpty)
            #expect(try await client.rules().collect().map(\.id) == [created.id])
            #expect(try await client.rule(created.id).description == "demo")
            try await client.deleteRule(created.id)
            #expect(try await client.rules().collect().isEmpty)
            await expectError(.clientError, apiCode: generation == .v4 ? "108" : "BAD_REQUEST") {
                try await client.createRule(RuleDraft(sql: "DROP TABLE x"))
            }
        }
    }

    @Test(arguments: apiStyles)
    func rawRequests(_ style: Sandbox.APIStyle, _ generation: APIGeneration) async throws {
        try await withSandbox(style) { _, client async throws in
            let nodes = try await client.raw(.get, "/nodes")
            #expect(nodes.data.arrayValue?.count == 1)
            await #expect {
                _ = try await client.raw(.get, "/no/such/path")
            } throws: { error in
                (error as? EMQXError).map { $0.httpStatus == 404 && $0.path == "/no/such/path" && $0.method == "GET" }
                    ?? false
            }
        }
    }
}
