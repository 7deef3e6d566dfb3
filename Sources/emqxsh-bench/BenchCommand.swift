import EMQXKit
import EMQXSandbox
import EMQXScript
import Foundation

/// Helpers for `scripts/bench`: a sandbox to measure against, and timed loops through EMQXKit.
///
/// `emqxsh-bench serve` starts a sandbox on free 127.0.0.1 ports, prints `URL CA_FILE MQTT_PORT`
/// and serves until it is terminated. `emqxsh-bench synthetic CLIENTS [KICK_MS]` serves made-up clients
/// (``SyntheticDeployment``). `emqxsh-bench gets URL CA_FILE COUNT` sends COUNT
/// sequential GETs to `/nodes` through one EMQXKit client and prints the seconds taken.
@main
struct BenchCommand {
    static func main() async throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "serve": try await serve()
        case "synthetic" where (2...3).contains(arguments.count):
            let latency = arguments.count == 3 ? Int(arguments[2]) ?? 2 : 2
            try await SyntheticDeployment(
                clientCount: Int(arguments[1]) ?? 1_000_000, kickLatency: .milliseconds(latency)
            ).run()
        case "script" where arguments.count == 2: try await script(path: arguments[1])
        case "gets" where arguments.count == 4:
            try await gets(url: arguments[1], caFile: arguments[2], count: Int(arguments[3]) ?? 1000)
        default:
            FileHandle.standardError.write(
                Data(
                    "usage: emqxsh-bench serve | synthetic CLIENTS [KICK_MS] | gets URL CA_FILE COUNT | script FILE\n"
                        .utf8))
            exit(2)
        }
    }

    static func serve() async throws {
        let sandbox = try Sandbox()
        try await sandbox.start()
        let caFile = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-bench-\(getpid()).pem").path
        try sandbox.certificate?.certificatePEM.write(toFile: caFile, atomically: true, encoding: .utf8)
        FileHandle.standardOutput.write(Data("\(sandbox.baseURL(.v5)) \(caFile) \(sandbox.mqttPort)\n".utf8))
        // Serve until the script terminates us.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    /// Runs a script with a host that only prints: the interpreter alone, for timing.
    static func script(path: String) async throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let interpreter = Interpreter(host: PrintingHost())
        do {
            try await interpreter.run(text, sourceName: path)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(1)
        }
    }

    static func gets(url: String, caFile: String, count: Int) async throws {
        let deployment = try Deployment(
            name: "bench", url: url, credentials: Credentials(appID: "sandbox", secret: "sandbox-secret"),
            generation: .fixed(.v5), tls: TLSOptions(caFile: caFile))
        let client = try await EMQXClient.connect(to: deployment)
        let start = ContinuousClock.now
        for _ in 0..<count { _ = try await client.raw(.get, "/nodes") }
        let elapsed = ContinuousClock.now - start
        await client.shutdown()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(String(format: "%.4f", seconds))
    }
}

/// A host with no commands that writes `print` and shown values to standard output.
final class PrintingHost: ScriptHost {
    func hasCommand(_ name: String) -> Bool { false }
    func runCommand(_ name: String, arguments: [CommandArgument], at location: SourceLocation) async throws -> Value {
        .null
    }
    func show(_ value: Value) async throws { Swift.print(value.displayText) }
    func print(_ text: String) { Swift.print(text) }
    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        SourceText(name: path, text: try String(contentsOfFile: path, encoding: .utf8))
    }
    func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
    func now() -> Double { Date().timeIntervalSince1970 }
}
