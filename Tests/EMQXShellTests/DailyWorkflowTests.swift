import EMQXJSON
import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXShell

/// The daily workflows from the shell, on the sandbox, with real MQTT clients: a listener stopped and started, the
/// built-in authenticator switched on and off, an authorization source disabled, v4 plugins and listeners.
@Suite struct DailyWorkflowTests {
    /// Whether `mosquitto_pub` gets one message through the sandbox's MQTT listener.
    func publishes(_ sandbox: Sandbox, _ login: [String] = []) async throws -> Bool {
        let run = try await PeerProcess.run(
            "mosquitto_pub",
            ["-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-t", "daily/t", "-m", "x", "-q", "1"] + login,
            within: 10)
        return run.status == 0
    }

    @Test func aStoppedListenerRefusesClientsUntilItStarts() async throws {
        try await withShell { session, sink, sandbox in
            #expect(try await publishes(sandbox))
            try await session.run("listeners stop tcp:default", sourceName: "test")
            #expect(try await publishes(sandbox) == false)
            sink.clear()
            try await session.run(#"print $(listeners list)[0].status.running"#, sourceName: "test")
            #expect(sink.output == "false\n")
            try await session.run("listeners start tcp:default", sourceName: "test")
            #expect(try await publishes(sandbox))
        }
    }

    @Test func theBuiltInAuthenticatorDecidesWhoLogsInWhileEnabled() async throws {
        try await withShell { session, sink, sandbox in
            let id = "password_based:built_in_database"
            try await session.run("users add dora --password pw", sourceName: "test")
            try await session.run("authentication update \(id) --enable true --preview", sourceName: "test")
            #expect(sink.output.contains("enable: false → true"), "the preview names the change")
            #expect(try await publishes(sandbox), "a preview sends nothing")
            try await session.run("authentication update \(id) --enable true", sourceName: "test")
            #expect(try await publishes(sandbox) == false, "anonymous clients are refused")
            #expect(try await publishes(sandbox, ["-u", "dora", "-P", "pw"]))
            try await session.run("authentication update \(id) --enable false", sourceName: "test")
            #expect(try await publishes(sandbox))
        }
    }

    /// Sources are reordered, and switching the built-in one off lifts its rules: a retained publish its rule denies
    /// is kept only while it is off.
    @Test func authorizationSourcesMoveAndSwitchOff() async throws {
        try await withShell { session, sink, sandbox in
            try await session.run(
                #"authorization sources create --body {type: "file", rules: "{allow, all}."}"#, sourceName: "test")
            try await session.run("authorization sources move file --position front", sourceName: "test")
            sink.clear()
            try await session.run(
                #"print join(map($(authorization sources list).sources, |s| s.type), ",")"#, sourceName: "test")
            #expect(sink.output == "file,built_in_database\n")
            sink.clear()
            _ = await session.runEntry("authorization sources update built_in_database --enable maybe")
            #expect(sink.errors.contains("body.enable"), "a boolean field refuses other words before sending")
            try await session.run(
                "acl add --clientid dev-1 --topic 'secret/#' --action publish --permission deny", sourceName: "test")
            var kept: [String] = []
            for enable in [true, false] {
                try await session.run(
                    "authorization sources update built_in_database --enable \(enable)", sourceName: "test")
                let run = try await PeerProcess.run(
                    "mosquitto_pub",
                    [
                        "-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-i", "dev-1", "-t", "secret/\(enable)",
                        "-m", "x", "-q", "1", "-r",
                    ],
                    within: 10)
                #expect(run.status == 0, "\(run.stderr)")
                sink.clear()
                try await session.run(
                    #"print join(map($(mqtt retainer messages), |m| m.topic), ",")"#, sourceName: "test")
                kept.append(sink.output)
            }
            #expect(kept == ["\n", "secret/false\n"], "the deny rule holds only while its source is enabled")
        }
    }

    @Test func v4PluginsAndListenersAnswerWithTheirCodes() async throws {
        try await withShell(.v4) { session, sink, _ in
            try await session.run("nodes plugins load emqx@127.0.0.1 emqx_delayed_publish", sourceName: "test")
            sink.clear()
            _ = await session.runEntry("nodes plugins load emqx@127.0.0.1 emqx_delayed_publish")
            #expect(sink.errors.contains("110"), "\(sink.errors)")
            sink.clear()
            try await session.run(
                "print map(filter($(plugins list)[0].plugins, |p| p.name == \"emqx_delayed_publish\"), |p| p.active)",
                sourceName: "test")
            #expect(sink.output.contains("true"))
            sink.clear()
            try await session.run(#"print $(listeners list)[0].listeners[0].identifier"#, sourceName: "test")
            #expect(sink.output == "mqtt:tcp:external\n")
        }
    }

    @Test func aConfigurationChangeIsPreviewedThenTakesEffect() async throws {
        try await withShell { session, sink, _ in
            try await session.run(
                "config set global_zone mqtt.retain_available=false --preview", sourceName: "test")
            #expect(try JSONParser.parse(sink.output) == ["mqtt.retain_available: true → false"])
            sink.clear()
            try await session.run("print $(config show global_zone).mqtt.retain_available", sourceName: "test")
            #expect(sink.output == "true\n", "a preview sends nothing")
            sink.clear()
            _ = await session.runEntry("config set global_zone mqtt.retain_availble=false")
            #expect(sink.errors.contains("no setting mqtt.retain_availble (did you mean mqtt.retain_available?)"))
            try await session.run("config set global_zone mqtt.retain_available=false", sourceName: "test")
            try await session.run("publish kept/t gone --retain", sourceName: "test")
            sink.clear()
            try await session.run("print len($(mqtt retainer messages))", sourceName: "test")
            #expect(sink.output == "0\n", "with retain_available off nothing is kept")
        }
    }

    @Test func aDelayedMessageWaitsInTheListUntilItIsDue() async throws {
        try await withShell { session, sink, _ in
            try await session.run(#"publish '$delayed/30/later/t' soon"#, sourceName: "test")
            sink.clear()
            try await session.run(
                #"let held = $(mqtt delayed messages); print $held[0].topic $held[0].delayed_interval"#,
                sourceName: "test")
            #expect(sink.output == "later/t 30\n")
            try await session.run(#"mqtt delayed messages delete later/t"#, sourceName: "test")
            sink.clear()
            try await session.run("print len($(mqtt delayed messages))", sourceName: "test")
            #expect(sink.output == "0\n")
        }
    }

    /// A connector (v5) or resource (v4) is probed: one whose address takes connections is connected.
    @Test(arguments: [Sandbox.APIStyle.v5, .v4])
    func connectorsAndResourcesSayWhetherTheirEndpointAnswers(_ style: Sandbox.APIStyle) async throws {
        try await withShell(style) { session, sink, sandbox in
            let live = "http://127.0.0.1:\(sandbox.mqttPort)/hook"
            let script =
                style == .v5
                ? """
                connectors create --type http --name live --url \(live)
                connectors create --type http --name dead --url http://127.0.0.1:1/hook
                sleep(0.5)
                print join(map($(connectors list), |c| "${c.name} ${c.status}"), ",")
                """
                : """
                let made = $(resources create --type web_hook --config {url: "\(live)"})
                sleep(0.5)
                print $(resources show $made.id).status[0].is_alive
                """
            try await session.run(script, sourceName: "test")
            #expect(
                sink.output.hasSuffix(style == .v5 ? "live connected,dead disconnected\n" : "true\n"), "\(sink.output)")
        }
    }

    @Test(arguments: [Sandbox.APIStyle.v4, .v5])
    func anAlarmIsDeactivatedOnV4AndExplainedOnV5(_ style: Sandbox.APIStyle) async throws {
        try await withShell(style) { session, sink, sandbox in
            await sandbox.state.raiseAlarm(name: "high_cpu_usage", message: "cpu at 95%")
            guard style == .v4 else {
                _ = await session.runEntry("alarms deactivate high_cpu_usage")
                #expect(sink.errors.contains("EMQX 5 deactivates an alarm itself"))
                return
            }
            _ = await session.runEntry("alarms deactivate no_such_alarm")
            #expect(sink.errors.contains("no active alarm no_such_alarm"))
            try await session.run("alarms deactivate high_cpu_usage", sourceName: "test")
            sink.clear()
            try await session.run("print len($(alarms)) len($(alarms --history))", sourceName: "test")
            #expect(sink.output == "0 1\n")
        }
    }

    /// API keys are made by the dashboard user (EMQX refuses an API key there), and then authenticate the API.
    @Test func anAPIKeyMadeThroughTheDashboardLoginOpensTheAPI() async throws {
        try await withShell { session, sink, sandbox in
            _ = await session.runEntry("api_key list")
            #expect(sink.errors.contains("API_KEY_NOT_ALLOW") && sink.errors.contains("dashboard_user"))
            var deployment = try Deployment(
                name: "lab", url: sandbox.baseURL(.v5),
                credentials: Credentials(appID: "sandbox", secret: "sandbox-secret"),
                tls: TLSOptions(pinnedSHA256: sandbox.certificate?.sha256Fingerprint))
            deployment.dashboardLogin = Credentials(appID: "admin", secret: "public")
            try await session.connect(deployment)
            sink.clear()
            try await session.run("api_key create --name ci --desc 'for CI'", sourceName: "test")
            let made = try JSONParser.parse(sink.output)
            let key = try #require(made["api_key"]?.stringValue)
            let secret = try #require(made["api_secret"]?.stringValue)
            var byKey = deployment
            byKey.credentials = Credentials(appID: key, secret: secret)
            byKey.dashboardLogin = nil
            let client = try await EMQXClient.connect(to: byKey)
            #expect(try await client.nodes().count == 1, "the new key authenticates the API")
            try await session.run("api_key update ci --enable false", sourceName: "test")
            await #expect(throws: EMQXError.self, "a disabled key is refused") { _ = try await client.nodes() }
            await client.shutdown()
        }
    }
}
