import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

/// emqxsh, as a user runs it against a deployment from config.toml, steering real MQTT clients (mosquitto).
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct MQTTEndToEndTests {
    @Test func listsPublishesToAndKicksARealClient() async throws {
        try await withLocalDeployment { sandbox, environment in
            let device = try PeerProcess(
                "mosquitto_sub",
                [
                    "-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-i", "sensor-1", "-u", "field", "-t", "cmd/#",
                    "-q", "1", "-v", "-V", "mqttv5",
                ])
            defer { device.stop() }
            for _ in 0..<250 where await sandbox.state.client("sensor-1")?.subscriptions.isEmpty ?? true {
                try await Task.sleep(for: .milliseconds(20))
            }
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local",
                    "-c", "let c = clients --username field; print len($c) $c[0].clientid $c[0].proto_ver",
                    "-c", "print $(subscriptions --client sensor-1)[0].topic",
                    "-c", "let r = publish cmd/reboot now --qos 1; print $r.delivered",
                    "-c", "kick sensor-1",
                    "-c", "print len($(clients))",
                ], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "1 sensor-1 5\ncmd/#\ntrue\n0\n")
            #expect(await device.waitForExit(within: 5), "kicked from emqxsh, the device is disconnected")
            #expect(device.output == "cmd/reboot now\n")
        }
    }

    @Test func subAndPubTalkMQTTWithRealClients() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"mqtt://127.0.0.1:\($0.mqttPort)\"" }) {
            sandbox, environment in
            let port = String(sandbox.mqttPort)
            // A script reads two messages a mosquitto publisher retained, as maps; MQTT 5 user properties included.
            for (topic, payload) in [("sensors/7/temp", #"{"t": 21.5}"#), ("sensors/8/temp", #"{"t": 19}"#)] {
                let run = try await PeerProcess.run(
                    "mosquitto_pub",
                    [
                        "-p", port, "-t", topic, "-m", payload, "-q", "1", "-r", "-V", "mqttv5", "-D", "publish",
                        "user-property", "k", "v",
                    ])
                #expect(run.status == 0)
            }
            let reader = try await EndToEnd.run(
                [
                    "--norc", "-d", "local", "-c",
                    "for m in sub 'sensors/#' --count 2 --qos 1 --format json { print $m.topic $m.payload.t $m.retain "
                        + "$m.properties.user_properties[0].k }",
                ], environment: environment)
            #expect(reader.status == 0, "\(reader.stderr)")
            #expect(
                Set(reader.stdout.split(separator: "\n")) == ["sensors/7/temp 21.5 true v", "sensors/8/temp 19 true v"])
            // pub reaches a mosquitto subscriber at QoS 2, three times.
            let listener = try PeerProcess(
                "mosquitto_sub", ["-p", port, "-i", "listener", "-t", "cmd/#", "-q", "2", "-C", "3", "-v"])
            defer { listener.stop() }
            for _ in 0..<250 where await sandbox.state.client("listener")?.subscriptions.isEmpty ?? true {
                try await Task.sleep(for: .milliseconds(20))
            }
            let sent = try await EndToEnd.run(
                ["--norc", "-d", "local", "-c", "print $(pub cmd/reboot now --qos 2 --repeat 3).count"],
                environment: environment)
            #expect(sent.stdout == "3\n", "\(sent.stderr)")
            #expect(await listener.waitForExit(within: 5))
            #expect(listener.output == String(repeating: "cmd/reboot now\n", count: 3))
        }
    }

    @Test func aDeploymentWithoutAnMQTTAddressSaysWhatToSet() async throws {
        try await withLocalDeployment { sandbox, environment in
            let result = try await EndToEnd.run(["--norc", "-d", "local", "-c", "pub t x"], environment: environment)
            #expect(result.status != 0)
            #expect(result.stderr.contains("deployment local has no MQTT address; give it mqtt_url in config.toml"))
            let http = try configuration(for: sandbox, extra: #"mqtt_url = "http://broker.example:8083/mqtt""#)
            defer { try? FileManager.default.removeItem(at: http) }
            let refused = try await EndToEnd.run(
                ["--norc", "-d", "local", "-c", "pub t x"],
                environment: ["XDG_CONFIG_HOME": http.path, "LOCAL_SECRET": "sandbox-secret"])
            #expect(
                refused.stderr.contains("mqtt_url: 'http://broker.example:8083/mqtt': http:// is no MQTT transport"))
            #expect(refused.stderr.contains("config.toml:5:"), "the file and line: \(refused.stderr)")
        }
    }

    @Test func requestGetsTheAnswerToItsOwnQuestion() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"mqtt://127.0.0.1:\($0.mqttPort)\"" }) {
            sandbox, environment in
            // A service that answers on the response topic, with the request's correlation data.
            let service = try await MQTTClient.connect(
                MQTTClientOptions(host: "127.0.0.1", port: sandbox.mqttPort, clientID: "echo-service"))
            _ = try await service.subscribe(["svc/echo"], qos: 1)
            let answering = Task {
                for await question in service.messages {
                    guard let topic = question.responseTopic else { continue }
                    try? await service.publish(
                        MQTTClientMessage(
                            topic: topic, payload: Array("pong: ".utf8) + question.payload, qos: 1,
                            correlationData: question.correlationData))
                }
            }
            defer { answering.cancel() }
            let asked = try await EndToEnd.run(
                // The service runs in this test process, beside hundreds of other tests: it may be slow to answer.
                ["--norc", "-d", "local", "-c", "let r = request svc/echo ping --timeout 60s; print $r.payload"],
                environment: environment)
            #expect(asked.stdout == "pong: ping\n", "\(asked.stderr)")
            let unanswered = try await EndToEnd.run(
                ["--norc", "-d", "local", "-c", "request svc/nobody x --timeout 300ms"], environment: environment)
            #expect(unanswered.status != 0)
            #expect(unanswered.stderr.contains("no response on svc/nobody within"), "\(unanswered.stderr)")
            await service.disconnect()
        }
    }

    @Test func mqttsUsesTheDeploymentsPin() async throws {
        let deployment = { (sandbox: Sandbox) in
            "pin = \"\(sandbox.certificate?.sha256Fingerprint ?? "")\"\n"
                + "mqtt_url = \"mqtts://127.0.0.1:\(sandbox.mqttTLSPort)\""
        }
        try await withLocalDeployment(useTLS: true, extra: deployment) { _, environment in
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local", "-c", "pub tls/check ok --qos 1 --retain",
                    "-c", "for m in sub tls/check --count 1 { print $m.payload $m.retain }",
                ], environment: environment)
            #expect(result.stdout.hasSuffix("ok true\n"), "\(result.stdout) \(result.stderr)")
        }
    }

    @Test func aLiveSubShowsEachMessageAsItComes() async throws {
        try await withLocalDeployment(extra: { "mqtt_url = \"mqtt://127.0.0.1:\($0.mqttPort)\"" }) {
            sandbox, environment in
            let port = String(sandbox.mqttPort)
            let published = try await PeerProcess.run(
                "mosquitto_pub", ["-p", port, "-t", "live/1", "-m", "first", "-r"])
            #expect(published.status == 0)
            // No --count: the stream never ends by itself, and its output is not held back for the end (or for 64 KiB).
            for format in ["json", "table"] {
                let reader = try PeerProcess(
                    EndToEnd.binary, ["--norc", "-d", "local", "--output", format, "-c", "sub 'live/#'"],
                    environment: EndToEnd.isolatedEnvironment.merging(environment, uniquingKeysWith: { _, new in new }))
                #expect(await reader.waitForOutput("first", within: 10), "\(format): \(reader.errorOutput)")
                #expect(reader.exitStatus == nil, "still running")
                reader.stop()
            }
        }
    }
}
