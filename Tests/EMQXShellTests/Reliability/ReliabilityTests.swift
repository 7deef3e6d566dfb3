import EMQXKit
import EMQXScript
import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXShell

/// What a user meets outside the happy path: closed pipes, misbehaving servers, hostile names.
@Suite(.timeLimit(.minutes(3)))
struct ReliabilityTests {
    @Test(.enabled(if: EndToEnd.binaryExists, "build emqxsh first"))
    func aReaderThatGoesAwayEndsTheShellQuietly() async throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-pipe-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let line =
            "set -o pipefail; '\(EndToEnd.binary)' -c 'for i in range(1000000) { print $i }' 2>'\(errors)' | "
            + "head -1; echo status=$?"
        let process = try PeerProcess("/bin/bash", ["-c", line], environment: EndToEnd.isolatedEnvironment)
        let result = await process.finish(within: 60)
        #expect(result.stdout == "0\nstatus=141\n")
        #expect((try? String(contentsOfFile: errors, encoding: .utf8)) == "")
    }

    @Test func controlCharactersFromTheServerAreShownNotObeyed() {
        let hostile: Value = .list([
            .map(["clientid": .string("x\u{1B}]0;owned\u{07}\u{202E}gpj.exe"), "node": .string("n1")])
        ])
        let table = Renderer.render(hostile, OutputSettings(format: .table))
        #expect(table.contains("x\\x1b]0;owned\\x07\\u202egpj.exe"))
        #expect(!table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        let json = Renderer.render(hostile, OutputSettings(format: .json))
        #expect(
            json.contains("x\\u001b]0;owned\\u0007\u{202E}gpj.exe")
                || json.contains("x\\u001b]0;owned\\u0007\\u202egpj.exe"))
        let message = ShellSession.describe(EMQXError(.serverError, "bad \u{1B}[2J\u{9B}31m", httpStatus: 500))
        #expect(message == "error: 500: bad \\x1b[2J\\u009b31m")
    }

    @Test func printEscapesOnlyAtATerminal() async throws {
        for isTerminal in [true, false] {
            let sink = CapturingSink()
            let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: isTerminal)
            _ = await session.runEntry(#"print "\u{1b}[1m""#)
            #expect(sink.output.contains(isTerminal ? "\\x1b[1m" : "\u{1B}[1m"), "\(isTerminal): \(sink.output)")
        }
    }

    @Test func watchRunsItsCommandWithoutParsingItsArgumentsAgain() async throws {
        try await withShell(.v5) { session, sink, _ in
            _ = await session.runEntry("users add admin --password pw")
            _ = await session.runEntry(#"let id = "x; users delete admin""#)
            _ = await session.runEntry("watch --count 2 --every 10ms clients show $id")
            #expect(sink.errors.contains("/clients/x%3B%20users%20delete%20admin: 404"), "one argument: \(sink.errors)")
            sink.clear()
            _ = await session.runEntry("users")
            #expect(sink.output.contains("\"admin\""), "the user is still there: \(sink.output)")
            sink.clear()
            _ = await session.runEntry("watch --count 2 --every 10ms users")
            #expect(sink.output.components(separatedBy: "\"admin\"").count == 3, "\(sink.output)")
        }
    }

    @Test(arguments: ["inf", "-inf", "nan", "1e300", "0", "-1s", "0.001ms", "100000m", "2d"])
    func watchRefusesIntervalsItCannotKeep(_ every: String) async throws {
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        #expect(await session.runEntry("watch --every \(every) --count 1 context") == .usage)
        #expect(sink.errors.contains("--every"), "\(sink.errors)")
    }

    static let statuses: [(FaultServer.Behaviour, EMQXShell.ExitStatus)] = [
        (.slowHeaders, .network), (.dripBody, .network), (.reset, .network), (.notHTTP, .apiServer),
        (.truncatedJSON, .network), (.html200, .apiServer), (.html502, .apiServer), (.hugeBody, .apiServer),
        (.status500, .apiServer), (.status503, .apiServer), (.unauthorizedNoChallenge, .apiClient),
        (.redirectLoop, .apiServer), (.otherGenerationEnvelope, .apiServer), (.endlessPaging, .apiServer),
    ]

    @Test(arguments: statuses)
    func theShellReportsEachFaultAndGoesOn(
        _ behaviour: FaultServer.Behaviour, _ status: EMQXShell.ExitStatus
    ) async throws {
        let server = try FaultServer(behaviour)
        defer { server.stop() }
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        try await session.connect(
            try Deployment(
                name: "faulty", url: server.url, credentials: Credentials(appID: "key", secret: "fault-secret"),
                generation: .fixed(.v5),
                timeouts: Timeouts(connect: .seconds(2), read: .seconds(10), total: .seconds(2))))
        let command = behaviour == .endlessPaging ? "clients --page-size 1" : "nodes"
        #expect(await session.runEntry(command) == status, "\(behaviour): \(sink.errors)")
        #expect(sink.errors.hasPrefix("error: "), "\(behaviour): \(sink.errors)")
        #expect(
            sink.errors.contains(behaviour == .endlessPaging ? "paging does not end" : "GET /nodes"), "\(sink.errors)")
        #expect(!sink.errors.contains("fault-secret"))
        #expect(sink.output.isEmpty, "no data for a fault: \(sink.output)")
        #expect(await session.runEntry("print(41 + 1)") == .success)
        #expect(sink.output == "42\n")
        await session.close()
    }
}
