import EMQXKit
import EMQXSandbox
import Foundation
import Testing

/// The README's EMQXKit program is the `emqxkit-example` target, word for word, and it runs.
@Suite struct ReadmeExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func readmeShowsTheCompiledExample() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/ListAndPublish/main.swift"), encoding: .utf8)
        #expect(
            readme.contains("```swift\n" + example + "```"),
            "README.md's swift block differs from Examples/ListAndPublish/main.swift")
    }

    @Test(arguments: [Sandbox.APIStyle.v5, .cloudV4])
    func exampleListsAndPublishesAgainstTheSandbox(_ style: Sandbox.APIStyle) async throws {
        let binary = Self.root.appendingPathComponent(".build/debug/emqxkit-example").path
        try #require(
            FileManager.default.isExecutableFile(atPath: binary), "build the example first: swift build --build-tests")
        let sandbox = try Sandbox()
        try await sandbox.start()
        var client = SandboxClient(clientID: "thermo-7", username: "alice")
        client.subscriptions = [SandboxSubscription(topic: "greetings/#", qos: 1)]
        await sandbox.state.seed(client)
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-example-\(UUID().uuidString).pem"
        ).path
        try #require(sandbox.certificate).certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        let output = try await runProcess(
            binary,
            environment: [
                "EMQX_API_URL": sandbox.baseURL(style), "EMQX_APP_ID": "sandbox", "EMQX_APP_SECRET": "sandbox-secret",
                "EMQX_CA_FILE": caFile,
            ])
        try? FileManager.default.removeItem(atPath: caFile)
        await sandbox.stop()
        #expect(output == "thermo-7 alice 127.0.0.1\ndelivered on API \(style == .v5 ? "v5" : "v4")\n")
    }
}

/// Runs a program to its end without blocking a thread of the pool that serves the sandbox.
func runProcess(_ path: String, arguments: [String] = [], environment: [String: String] = [:]) async throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    let data: Data = try await withCheckedThrowingContinuation { continuation in
        process.terminationHandler = { _ in
            continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile())
        }
        do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    return String(decoding: data, as: UTF8.self)
}
