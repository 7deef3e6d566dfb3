import EMQXJSON
import EMQXSandbox
import EMQXScript
import Testing

@testable import EMQXShell

/// The same commands on every API generation, against the sandbox.
@Suite struct CommandCatalogTests {
    @Test(arguments: shellStyles)
    func clientsSubscriptionsPublishAndKick(_ style: Sandbox.APIStyle) async throws {
        try await withShell(style) { session, sink, sandbox in
            for id in ["sensor-1", "sensor-2", "gw-1"] {
                await sandbox.state.seed(SandboxClient(clientID: id, username: "u"))
            }
            try await session.run(
                """
                subscribe sensor-1 cmd/# --qos 1
                let online = clients --like sensor- --output json
                print len($online) $online[0].clientid
                print json(map($(clients subscriptions sensor-1), |s| s.topic))
                let r = publish cmd/reboot '{"now": true}' --qos 1
                print $r.delivered
                kick sensor-2 gw-1
                print len($(clients))
                try { clients show ghost } catch e { print "missing:" type($e) }
                """, sourceName: "t.emqx")
            #expect(sink.output == "2 sensor-1\n[\"cmd/#\"]\ntrue\n1\nmissing: error\n")
            let delivered = await sandbox.state.deliveredMessages()
            #expect(delivered.map(\.topic) == ["cmd/reboot"])
            #expect(String(decoding: delivered[0].payload, as: UTF8.self) == #"{"now": true}"#)
        }
    }

    @Test(arguments: shellStyles)
    func usersACLBannedAndRules(_ style: Sandbox.APIStyle) async throws {
        try await withShell(style) { session, sink, _ in
            try await session.run(
                """
                users add alice --password pw
                print json(map($(users), |u| get(u, "user_id", get(u, "username"))))
                acl add --username alice --topic 't/#' --action publish --permission allow
                print len($(acl --username alice)) $(acl --username alice)[0].action
                acl delete --username alice --topic 't/#'
                print len($(acl --username alice))
                let ban = banned add bad --reason spam --for 60
                print $(banned)[0].who $ban.reason
                banned delete bad
                let rule = rules create 'SELECT * FROM "t/#"' --description demo
                print len($(rules))
                rules delete $rule.id
                print len($(rules))
                """, sourceName: "t.emqx")
            #expect(sink.output == "[\"alice\"]\n1 publish\n0\nbad spam\n1\n0\n")
        }
    }

    @Test func apiErrorsCarryTheirCodesIntoScripts() async throws {
        try await withShell(.v5) { session, sink, _ in
            try await session.run(
                """
                try { kick ghost } catch e { print $e.code $e.details.http_status $e.details.kind }
                try { clients --stat x } catch e { print $e.code }
                try { get /no/such } catch e { print $e.code $e.details.path }
                """, sourceName: "t.emqx")
            #expect(sink.output == "CLIENTID_NOT_FOUND 404 clientError\nUSAGE_ERROR\nNOT_FOUND /no/such\n")
        }
        try await withShell(.v4) { session, sink, _ in
            try await session.run("try { kick ghost } catch e { print $e.code $e.message }", sourceName: "t.emqx")
            #expect(
                sink.output.hasPrefix("112 DELETE /clients/ghost: 200 112: not_found (client offline or not found)"))
        }
    }

    @Test func rawRequestsAndOutputFormats() async throws {
        try await withShell(.v5) { session, sink, sandbox in
            await sandbox.state.seed(SandboxClient(clientID: "c1", username: "u1"))
            try await session.run("get /clients {limit: 1} --output jsonl", sourceName: "t")
            #expect(try JSONParser.parse(sink.output.trimmingCharacters(in: "\n"))["meta"]?["limit"] == .int(1))
            sink.clear()
            try await session.run("clients --output csv --fields clientid,username", sourceName: "t")
            #expect(sink.output == "clientid,username\nc1,u1\n")
            sink.clear()
            try await session.run("set output yaml\ncontext", sourceName: "t")
            #expect(sink.output.contains("deployment: sandbox\n"))
            #expect(sink.output.contains("app_id: sandbox\n"))
            #expect(!sink.output.contains("sandbox-secret"))
        }
    }

    @Test func helpListsEveryCommandAndExplainsOne() async throws {
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        try await session.run("help", sourceName: "t")
        for name in [
            "clients", "clients kick", "publish", "users add", "acl", "banned", "rules create", "get", "use", "connect",
        ] {
            #expect(sink.output.contains("  \(name) "), "help lacks \(name)")
        }
        sink.clear()
        try await session.run("clients --help", sourceName: "t")
        #expect(sink.output.contains("--state VALUE") && sink.output.contains("example:"))
        await #expect { try await session.run("clients", sourceName: "t") } throws: { error in
            "\(error)".contains("not connected")
        }
    }
}

@Suite struct HistoryCommandTests {
    @Test func numbersLinesFromTheStartEvenWhenCut() async throws {
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .jsonl), isTerminal: false)
        session.historyEntries = { ["first", "second", "third"] }
        try await session.run("history --last 2", sourceName: "t")
        #expect(sink.output == "{\"n\":2,\"line\":\"second\"}\n{\"n\":3,\"line\":\"third\"}\n")
    }
}
