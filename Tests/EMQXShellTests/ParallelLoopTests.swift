import EMQXKit
import EMQXSandbox
import EMQXScript
import Testing

@testable import EMQXShell

/// `for x in … --parallel N { … }`: bounded, ordered output, failures collected, each item its own deployment.
@Suite struct ParallelLoopTests {
    @Test func outputIsWrittenInItemOrderThoughItemsFinishOutOfOrder() async throws {
        try await withShell { session, sink, _ in
            try await session.run(
                """
                for n in [5, 4, 3, 2, 1] --parallel 5 { sleep(0.05 * $n); print "item $n" }
                print "after"
                """, sourceName: "t")
            #expect(sink.output == "item 5\nitem 4\nitem 3\nitem 2\nitem 1\nafter\n")
        }
    }

    @Test func atMostNItemsRunAtOnceAndOuterVariablesAreShared() async throws {
        try await withShell { session, sink, _ in
            try await session.run(
                """
                let running = 0
                let peak = 0
                let done = 0
                for n in 1..9 --parallel 3 {
                    running += 1
                    peak = max($peak, $running)
                    sleep(0.3)
                    running -= 1
                    done += 1
                }
                print "$peak $done $running"
                """, sourceName: "t")
            #expect(sink.output == "3 9 0\n")
        }
    }

    @Test func aFailingItemDoesNotStopTheOthersAndEveryFailureIsNamed() async throws {
        try await withShell { session, sink, _ in
            try await session.run(
                """
                users add alice --password a-secret-1
                try {
                    for name in ["alice", "nobody-1", "alice", "nobody-2"] --parallel 2 {
                        let user = $(users show $name)
                        print "found" $user.user_id
                    }
                } catch e {
                    print $e.code len($e.details.failures)
                    for f in $e.details.failures { print $f.index $f.item $f.code }
                }
                """, sourceName: "t")
            #expect(
                sink.output.hasSuffix(
                    "found alice\nfound alice\nPARALLEL_FAILED 2\n1 nobody-1 NOT_FOUND\n3 nobody-2 NOT_FOUND\n"),
                "\(sink.output)")
        }
    }

    @Test func aCommandCanBeTheSequence() async throws {
        try await withShell { session, sink, _ in
            try await session.run(
                """
                for i in 1..5 { users add "user-$i" --password "secret-$i" }
                let n = 0
                for u in users --parallel 4 { let shown = $(users show $u.user_id); n += 1 }
                print $n
                """, sourceName: "t")
            #expect(sink.output.hasSuffix("5\n"))
        }
    }

    @Test func eachItemUsesItsOwnDeploymentAndTheSessionKeepsItsOwn() async throws {
        try await withShell { session, sink, sandbox in
            session.register(
                try Deployment(
                    name: "other", url: sandbox.baseURL(.v4),
                    credentials: Credentials(appID: "sandbox", secret: "sandbox-secret"),
                    tls: TLSOptions(pinnedSHA256: sandbox.certificate?.sha256Fingerprint)))
            try await session.run(
                """
                for d in ["other", "sandbox", "other"] --parallel 3 {
                    use $d
                    sleep(0.1)
                    let c = $(context)
                    print $d $c.deployment $c.api
                }
                let c = $(context)
                print "session" $c.deployment $c.api
                """, sourceName: "t")
            #expect(
                sink.output
                    == "other other v4 (detected)\nsandbox sandbox v5 (detected)\nother other v4 (detected)\n"
                    + "session sandbox v5 (detected)\n")
        }
    }

    static let refusals: [(String, String)] = [
        ("for x in [1] --parallel 0 { print $x }", "--parallel takes a whole number from 1 to 1024"),
        ("for x in [1] --parallel 2 { for y in [1] --parallel 2 { } }", "parallel loops do not nest"),
        ("for x in [1] --parallel 2 { break }", "'break' outside a loop"),
        ("for x in 42 --parallel 2 { }", "cannot loop over"),
    ]

    @Test(arguments: refusals)
    func refusesWhatItCannotRun(_ script: String, _ message: String) async throws {
        try await withShell { session, _, _ in
            await #expect {
                try await session.run(script, sourceName: "t")
            } throws: { error in
                "\(error)".contains(message)
            }
        }
    }
}
