import EMQXTestSupport
import Foundation
import Testing

/// Recording with the built binary, then replaying and checking it; kills and secrets.
@Suite(.enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"))
struct RecordingTests {
    func temporaryPath(_ suffix: String = ".emqxrec") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-recording-\(UUID().uuidString)\(suffix)")
            .path
    }

    @Test func aRecordingChecksCleanThenReportsAChangedOutputWithADiff() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorded = try await EndToEnd.run([
            "--sandbox", "--output", "table", "--record", path, "--continue-on-error",
            "-c", "users add alice --password pw", "-c", "users", "-c", "publish t/1 hi --qos 1", "-c", "kick ghost",
        ])
        #expect(recorded.status == 4, "\(recorded.stderr)")
        let clean = try await EndToEnd.run(["replay", "--check", path])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout == "\(path): 4 inputs, every output as recorded\n")
        // Checked on v4, what the generations answer differently shows: v4 cannot tell whether a publish was delivered.
        let onV4 = try await EndToEnd.run(["replay", "--check", "--api", "v4", path])
        #expect(onV4.status == 1 && onV4.stderr.contains("output of 'publish t/1 hi --qos 1' differs"))
        #expect(
            onV4.stderr.contains(
                "- delivered false\n- reason_code 16\n- message no_matching_subscribers\n+ delivered true"))

        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "alice    true", with: "alice    false")
            .replacingOccurrences(of: "alice    false", with: "alice    true")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try await EndToEnd.run(["replay", "--check", path])
        #expect(changed.status == 1)
        #expect(
            changed.stderr.contains(
                "output of 'users' differs (- recorded, + now):\n  USER_ID IS_SUPERUSER\n- alice true\n+ alice false"))
        #expect(changed.stderr.contains("1 of 4 outputs differ"))

        let shown = try await EndToEnd.run(["replay", path])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("sandbox v5> users add alice --password ********\nsandbox v5> users\nUSER_ID"))
        #expect(shown.stderr.contains("CLIENTID_NOT_FOUND"))
    }

    @Test func anInputThatNeverEndsIsStoppedAndTheCheckGoesOn() async throws {
        let path = temporaryPath(".md")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "```emqx\nsandbox v5> while true { }\nsandbox v5> print \"after\"\nafter\n```\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        // No bound on the wall time: with every suite running on a 2-core machine this took 20 and 43 s (1.4 s
        // alone). The output shows what the time would: the check says it stopped the loop after the 1 s given, not
        // the 30 s default, and went on to the next input.
        let result = try await EndToEnd.run(["doctest", "--timeout", "1", path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("output of 'while true { }' differs (- recorded, + now):\n+ error: interrupted"))
        #expect(result.stderr.contains("+ error: still running after 1 s; stopped by the check"))
        #expect(result.stderr.contains("1 of 2 outputs differ"))
    }

    @Test func aKilledRecordingKeepsEveryLineAlreadyShown() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let shell = try PeerProcess(
            EndToEnd.binary,
            [
                "--sandbox", "--record", path, "-c", "print \"first\"; print \"second\"", "-c",
                "print \"third\"; sleep(60)",
            ], environment: EndToEnd.isolatedEnvironment)
        #expect(await shell.waitForOutput("third"))
        kill(shell.processIdentifier, SIGKILL)
        _ = await shell.waitForExit(within: 5)
        let transcript = try String(contentsOfFile: path, encoding: .utf8)
        #expect(transcript.contains("sandbox v5> print \"first\"; print \"second\"\nfirst\nsecond\n"))
        #expect(transcript.contains("sandbox v5> print \"third\"; sleep(60)\nthird\n"))
    }

    @Test func secretsNeverReachTheFile() async throws {
        let path = temporaryPath()
        let config = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-recording-config-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(at: config)
        }
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("emqxsh"), withIntermediateDirectories: true)
        try """
        [deployments.prod]
        url = "https://127.0.0.1:9/api/v5"
        app_id = "key-id"
        secret_env = "PROD_SECRET"
        """.write(to: config.appendingPathComponent("emqxsh/config.toml"), atomically: true, encoding: .utf8)
        let result = try await EndToEnd.run(
            [
                "-d", "prod", "--record", path, "-c", "print env(\"PROD_SECRET\")", "-c", "context", "-c",
                "print 'users add bob --password hunter2'",
            ],
            environment: ["XDG_CONFIG_HOME": config.path, "PROD_SECRET": "s3cr3t-value-42"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("s3cr3t-value-42"), "the screen shows what the user asked for")
        let transcript = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!transcript.contains("s3cr3t-value-42"))
        #expect(transcript.contains("********"))
        #expect(transcript.contains("key-id"), "the key id is not a secret")
    }
}
