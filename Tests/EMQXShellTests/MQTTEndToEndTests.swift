import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

/// emqxsh, as a user runs it against a deployment from config.toml, steering real MQTT clients (mosquitto).
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct MQTTEndToEndTests {
    @Test func listsPublishesToAndKicksARealClient() async throws {
        let sandbox = try Sandbox(configuration: SandboxConfiguration(useTLS: false))
        try await sandbox.start()
        defer { Task { await sandbox.stop() } }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-mqtt-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("emqxsh"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: config) }
        try """
        [deployments.local]
        url = "\(sandbox.baseURL(.v5))"
        app_id = "sandbox"
        secret_env = "LOCAL_SECRET"
        """.write(to: config.appendingPathComponent("emqxsh/config.toml"), atomically: true, encoding: .utf8)
        let device = try PeerProcess(
            "mosquitto_sub",
            [
                "-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-i", "sensor-1", "-u", "field", "-t", "cmd/#", "-q",
                "1", "-v", "-V", "mqttv5",
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
            ], environment: ["XDG_CONFIG_HOME": config.path, "LOCAL_SECRET": "sandbox-secret"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1 sensor-1 5\ncmd/#\ntrue\n0\n")
        #expect(await device.waitForExit(within: 5), "kicked from emqxsh, the device is disconnected")
        #expect(device.output == "cmd/reboot now\n")
    }
}
