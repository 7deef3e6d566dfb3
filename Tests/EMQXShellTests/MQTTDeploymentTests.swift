import EMQXKit
import EMQXSandbox
import EMQXShell
import EMQXTestSupport
import Foundation
import Testing

/// A deployment's MQTT side as config.toml gives it (credentials from secret sources, WebSocket URLs, EMQX Cloud's
/// default), and `bench` from the shell.
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct MQTTDeploymentTests {
    @Test func mqttCredentialsComeFromASecretSourceAndNeverShow() async throws {
        let login = { (sandbox: Sandbox) in
            "mqtt_url = \"mqtt://127.0.0.1:\(sandbox.mqttPort)\"\n"
                + "mqtt_username = \"dora\"\nmqtt_password_env = \"MQTT_PW\""
        }
        try await withLocalDeployment(mqttAuthentication: true, extra: login) { _, environment in
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local", "-c", "users add dora --password s3cret-pw",
                    "-c", "print $(pub login/ok yes --qos 1).count", "-c", "context --output json",
                ], environment: environment.merging(["MQTT_PW": "s3cret-pw"]) { $1 })
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("1\n"))
            #expect(result.stdout.contains(#""mqtt_username": "dora""#))
            #expect(!result.stdout.contains("s3cret-pw") && !result.stderr.contains("s3cret-pw"))
            let unset = try await EndToEnd.run(["--norc", "-d", "local", "-c", "pub t x"], environment: environment)
            #expect(unset.status != 0)
            #expect(unset.stderr.contains("$MQTT_PW, which is not set"), "\(unset.stderr)")
            let wrong = try await EndToEnd.run(
                ["--norc", "-d", "local", "-c", "pub t x"], environment: environment.merging(["MQTT_PW": "nope"]) { $1 }
            )
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("refused the connection"), "\(wrong.stderr)")
        }
    }

    @Test func aWebSocketURLCarriesPubAndSub() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"ws://127.0.0.1:\($0.mqttWebSocketPort)/mqtt\"" }) {
            sandbox, env in
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local", "-c", "pub web/1 hello --qos 1 --retain",
                    "-c", "for m in sub 'web/#' --count 1 { print $m.topic $m.payload }",
                    "-c", "print $(context).mqtt",
                ], environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasSuffix("web/1 hello\nws://127.0.0.1:\(sandbox.mqttWebSocketPort)/mqtt\n"))
        }
    }

    @Test func aPersistentSubResumesWhereItLeftOff() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"mqtt://127.0.0.1:\($0.mqttPort)\"" }) { _, environment in
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local",
                    "-c", "let first = $(sub 'kept/#' --client-id keeper --persistent --qos 1 --timeout 300ms)",
                    "-c", "let sent = publish kept/1 while-away --qos 1",
                    "-c",
                    "for m in sub 'kept/#' --client-id keeper --persistent --qos 1 --count 1 { print $m.payload }",
                    "-c", "sub 'kept/#' --persistent",
                ], environment: environment)
            #expect(result.stdout == "while-away\n", "the session kept it: \(result.stderr)")
            #expect(result.stderr.contains("sub: --persistent needs --client-id"), "\(result.stderr)")
        }
    }

    @Test func benchReportsAValueAndShowsProgress() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"mqtt://127.0.0.1:\($0.mqttPort)\"" }) { _, environment in
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local",
                    "-c",
                    "let r = bench pub --clients 3 --count 50 --qos 1 --size 32 --duration 120s; "
                        + "print $r.messages $r.latency_ms.samples $r.connected $r.failed",
                    "-c",
                    "let c = bench conn --clients 20 --hold 1200ms --duration 120s --progress; print $c.connected",
                    "-c", "bench sub --clients 1 --duration 1s --output json",
                ], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("150 150 3 0\n20\n"), "\(result.stdout)")
            #expect(result.stdout.contains(#""kind": "sub""#) && result.stdout.contains(#""messages": 0"#))
            // Progress only when asked for, off a terminal: a line a second.
            #expect(result.stderr.hasPrefix("bench conn: 1s  "), "\(result.stderr)")
            let misuse = try await EndToEnd.run(
                ["--norc", "-d", "local", "-c", "bench flood"], environment: environment)
            #expect(misuse.stderr.contains("bench: say what to run: conn, pub or sub"), "\(misuse.stderr)")
        }
    }

    @Test(arguments: [
        ("https://abc.ala.us-east-1.emqxsl.com:8443/api/v5", "", "mqtts://abc.ala.us-east-1.emqxsl.com:8883"),
        (
            "https://abc.ala.us-east-1.emqxsl.com:8443/api/v5", #"mqtt_url = "wss://abc.example:443/mqtt""#,
            "wss://abc.example:443/mqtt"
        ),
        ("https://emqx.internal.example:18083/api/v5", "", nil),
    ])
    func aDeploymentsMQTTSideIsKnownFromItsConfiguration(_ url: String, _ extra: String, _ expected: String?) throws {
        let configuration = try ShellConfiguration.parse(
            "[deployments.d]\nurl = \"\(url)\"\n\(extra)\n", path: "config.toml")
        let session = ShellSession(sink: CapturingSink(), settings: OutputSettings(format: .json), isTerminal: false)
        session.configuration = configuration
        #expect(session.mqttEndpoint(of: "d")?.description == expected)
    }
}
