import EMQXJSON
import EMQXTestSupport
import Foundation
import Testing

/// The built `emqxsh` binary, run as users run it: `-c`, script files, piped stdin, exit statuses.
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct EndToEndTests {
    @Test func commandsPrintJSONWhenPipedAndItParsesBack() async throws {
        let result = try await EndToEnd.run(["--sandbox", "-c", "publish t/1 hello --qos 1", "-c", "nodes"])
        #expect(result.status == 0)
        let documents = result.stdout.components(separatedBy: "\n}\n")
        #expect(documents.count == 2)
        let published = try JSONParser.parse(documents[0] + "\n}")
        #expect(published["delivered"] == .bool(false))
        #expect(try JSONParser.parse(documents[1])[0]?["version"] == .string("5.8.1"))
    }

    @Test func aScriptFileGetsItsArgumentsAndItsExitStatus() async throws {
        let script = try EndToEnd.temporaryFile(
            """
            print "args:" len($args) $args[0] $args[1]
            let n = 0
            for c in 1..3 { n += $c }
            print "n=${n}"
            exit 7
            """)
        let result = try await EndToEnd.run([script, "first", "second word"])
        #expect(result.stdout == "args: 2 first second word\nn=6\n")
        #expect(result.status == 7)
    }

    @Test func statementsPipedOnStdinRun() async throws {
        let result = try await EndToEnd.run(
            ["--sandbox", "--output", "jsonl"], stdin: "users add bob --password pw\nusers\nprint \"café ☃\"\n")
        #expect(result.status == 0)
        #expect(result.stdout == "{\"user_id\":\"bob\",\"is_superuser\":false}\ncafé ☃\n")
    }

    @Test(
        arguments: [
            (["-c", "print(1 / 0)"], Int32(3), "error: division by zero\n --> -c:1:9"),
            (["-c", "print $nope"], 3, "undefined variable 'nope'"),
            (["-c", "if true {"], 3, "the block of 'if' is not closed"),
            (
                ["--sandbox", "-c", "kick ghost"], 4,
                "CLIENTID_NOT_FOUND: DELETE /clients/ghost: 404 CLIENTID_NOT_FOUND: Client ID not found"
            ),
            (["--sandbox", "--api", "v4", "-c", "kick ghost"], 4, "not_found (client offline or not found)"),
            (["--sandbox", "-c", "clients --stat connected"], 2, "unknown flag --stat (did you mean --state?)"),
            (["--output", "xml", "-c", "print 1"], 2, "--output takes table, json, jsonl, csv or yaml"),
            (["-c", "clients"], 2, "not connected; 'use NAME' a deployment or 'connect URL' first"),
            (
                ["-c", "connect http://127.0.0.1:9 --api v5\nnodes"], 6,
                "GET /nodes: cannot connect to 127.0.0.1:9: connection refused"
            ),
            (["-c", "exit 0"], 0, ""),
            (["-c", "exit 64"], 64, ""),
            (["--bogus"], 2, "Unknown option '--bogus'"),
            (["replay", "/no/such.emqxrec"], 2, "cannot read /no/such.emqxrec"),
            (["sandbox", "--api", "v6"], 2, "--api takes v4, v5 or both, not 'v6'"),
        ] as [([String], Int32, String)])
    func exitStatusesAndMessages(_ arguments: [String], _ status: Int32, _ message: String) async throws {
        let result = try await EndToEnd.run(arguments)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(
            message.isEmpty ? result.stderr.isEmpty : result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }

    @Test func outputToAPipeIsGatheredYetKeepsItsOrderAndShowsBeforeAWait() async throws {
        // Standard error into the same pipe: what is printed before the error reads before it.
        let script = try EndToEnd.temporaryFile(
            "for i in 1..20000 { print \"line $i\" }\ntry { print(1 / 0) } catch e { print \"caught\" }\n"
                + "print \"before the wait\"\nsleep(30)\n")
        let merged = ["-c", "exec \"$0\" --norc \"$1\" 2>&1", EndToEnd.binary]
        let shell = try PeerProcess("/bin/sh", merged + [script], environment: EndToEnd.isolatedEnvironment)
        defer { shell.stop() }
        #expect(await shell.waitForOutput("before the wait", within: 10), "shown while the script waits")
        shell.stop()
        let lines = await shell.finish(within: 10).stdout.split(separator: "\n")
        #expect(lines.count == 20_002 && lines.first == "line 1" && lines[19_999] == "line 20000")
        #expect(lines.suffix(2) == ["caught", "before the wait"])
        let failing = try EndToEnd.temporaryFile("for i in 1..3 { print \"line $i\" }\nprint(1 / 0)\n")
        let result = try await PeerProcess("/bin/sh", merged + [failing], environment: EndToEnd.isolatedEnvironment)
            .finish(within: 20)
        #expect(result.stdout.hasPrefix("line 1\nline 2\nline 3\nerror: division by zero"), "\(result.stdout)")
    }

    @Test func continueOnErrorReportsEachErrorAndGoesOn() async throws {
        let script = try EndToEnd.temporaryFile("print 1\nprint(1 / 0)\nprint 2\nkick ghost\nprint 3\n")
        let result = try await EndToEnd.run(["--sandbox", "--continue-on-error", script])
        #expect(result.stdout == "1\n2\n3\n")
        #expect(result.stderr.contains("division by zero") && result.stderr.contains("CLIENTID_NOT_FOUND"))
        #expect(result.status == 4)
        let stopped = try await EndToEnd.run(["--sandbox", script])
        #expect(stopped.stdout == "1\n")
        #expect(stopped.status == 3)
    }

    @Test func ctrlCEndsAScriptWithStatus130() async throws {
        let shell = try PeerProcess(
            EndToEnd.binary, ["-c", "print \"started\"\nwhile true { sleep(0.01) }"],
            environment: EndToEnd.isolatedEnvironment)
        #expect(await shell.waitForOutput("started"))
        kill(shell.processIdentifier, SIGINT)
        // 130 is an exit status: a death by the signal itself would read as 2.
        #expect(await shell.finish(within: 10).status == 130)
    }

    @Test func theStandaloneSandboxServesUntilSIGTERM() async throws {
        let sandbox = try PeerProcess(
            EndToEnd.binary, ["sandbox", "--http"], environment: EndToEnd.isolatedEnvironment)
        #expect(await sandbox.waitForOutput("Stop with"))
        let printed = sandbox.output
        let url = try #require(
            printed.split(separator: "\n").first { $0.contains("API v5:") }?.split(separator: " ").last.map(String.init)
        )
        let result = try await EndToEnd.run(
            ["-c", "connect \(url) --app-id sandbox --secret-env SANDBOX_SECRET", "-c", "nodes"],
            environment: ["SANDBOX_SECRET": "sandbox-secret"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"version\": \"5.8.1\""))
        // The MQTT address it prints takes a real client.
        let mqtt = try #require(printed.firstMatch(of: /MQTT: +mqtt:\/\/127\.0\.0\.1:(\d+)/)?.1)
        let published = try await PeerProcess.run(
            "mosquitto_pub", ["-h", "127.0.0.1", "-p", String(mqtt), "-t", "t/1", "-m", "hello", "-r"])
        #expect(published.status == 0)
        let stats = try await EndToEnd.run(
            [
                "-c", "connect \(url) --app-id sandbox --secret-env SANDBOX_SECRET", "-c",
                "print $(stats)[\"retained.count\"]",
            ],
            environment: ["SANDBOX_SECRET": "sandbox-secret"])
        #expect(stats.stdout == "1\n", "\(stats.stderr)")
        sandbox.stop()
        #expect(await sandbox.waitForExit(within: 5) && sandbox.exitStatus == 0, "SIGTERM stops it cleanly")
    }

    @Test func theSecretIsNeverPrinted() async throws {
        let result = try await EndToEnd.run(["--sandbox", "-c", "context", "-c", "get /no/such"])
        #expect(!(result.stdout + result.stderr).contains("sandbox-secret"))
        #expect(result.stdout.contains("\"app_id\": \"sandbox\""))
    }
}

enum EndToEnd {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/emqxsh").path
    static let binaryExists = FileManager.default.isExecutableFile(atPath: binary)

    /// Configuration and data directories of the tests' own, so no user's config.toml or history is touched.
    static let isolatedEnvironment = [
        "XDG_CONFIG_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-e2e-config").path,
        "XDG_DATA_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-e2e-data").path,
        "XDG_CACHE_HOME": FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-e2e-cache").path,
    ]

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs emqxsh to its end without blocking a thread of the pool.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
    ) async throws -> Result {
        let process = try PeerProcess(
            binary, arguments,
            environment: isolatedEnvironment.merging(environment, uniquingKeysWith: { _, new in new }),
            input: stdin ?? "")
        let finished = await process.finish(within: 120)
        return Result(status: finished.status ?? -1, stdout: finished.stdout, stderr: finished.stderr)
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-\(UUID().uuidString).emqx")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
