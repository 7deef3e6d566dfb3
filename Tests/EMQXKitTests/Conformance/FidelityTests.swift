import EMQXJSON
import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

/// The sandbox against EMQX's own published contract, with real MQTT clients connected:
/// every implemented v5 operation validated against ee-en.json's schemas (jsonschema), and every
/// v4.4 documentation example replayed and compared field by field.
@Suite(
    .enabled(if: OpenAPIDocument.path(of: "ee-en.json") != nil, "EMQX's documents were not found; set EMQX_SPECS_DIR"))
struct FidelityTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fidelity")

    /// Runs a fidelity script against a fresh sandbox (plain HTTP, so Python needs no certificate) and returns its
    /// report.
    func report(_ script: String, document: String, style: Sandbox.APIStyle) async throws -> JSONValue {
        let documentPath = try #require(OpenAPIDocument.path(of: document), "\(document) not found; set EMQX_SPECS_DIR")
        let sandbox = try Sandbox(configuration: SandboxConfiguration(useTLS: false))
        try await sandbox.start()
        await sandbox.state.raiseAlarm(name: "high_cpu_usage", message: "91.68333333333332")
        let run = try await PeerProcess.run(
            "python3",
            [
                Self.scripts.appendingPathComponent(script).path, documentPath, sandbox.baseURL(style),
                String(sandbox.mqttPort),
            ],
            within: 180)
        await sandbox.stop()
        // A script that stopped early (killed, or an exception) prints no report: show why, not a parse error.
        let ending = run.status.map { "status \($0)" } ?? "killed after 180 s"
        try #require(!run.stdout.isEmpty, "\(script) printed no report (\(ending)): \(run.stderr)")
        let report = try JSONParser.parse(run.stdout)
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        return report
    }

    @Test func v5AnswersMatchTheOpenAPISchemas() async throws {
        let report = try await report("v5_fidelity.py", document: "ee-en.json", style: .v5)
        #expect(report["problems"] == [])
        #expect((report["checked"]?.intValue ?? 0) >= 179, "every implemented operation, with its error answers")
        // Each exception is named with its reason, and there are only a few.
        let excused = report["excused"]?.arrayValue ?? []
        #expect(excused.allSatisfy { !($0["reason"]?.stringValue ?? "").isEmpty })
        #expect(Set(excused.compactMap { $0["reason"]?.stringValue }).count <= 22)
    }

    @Test func v4AnswersMatchTheDocumentedExamples() async throws {
        let report = try await report("v4_fidelity.py", document: "docs-md/v4.4_advanced_http-api.md", style: .v4)
        #expect(report["problems"] == [])
        let compared = Set((report["compared"]?.arrayValue ?? []).compactMap(\.stringValue))
        for endpoint in [
            "GET /clients", "GET /clients/example", "GET /subscriptions", "GET /routes", "POST /mqtt/publish",
            "POST /mqtt/subscribe_batch",
            "GET /metrics", "GET /stats", "GET /nodes", "GET /alarms/present", "GET /banned", "POST /rules",
            "DELETE /clients/example", "GET /listeners", "PUT /listeners/mqtt:tcp:external/restart",
            "PUT /nodes/emqx@127.0.0.1/plugins/emqx_delayed_publish/load", "POST /resources",
            "GET /resources/resource:b12d3e44", "GET /resource_types/web_hook", "GET /actions/inspect",
        ] {
            #expect(compared.contains(endpoint), "\(endpoint) was compared")
        }
    }
}
