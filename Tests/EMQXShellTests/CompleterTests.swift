import EMQXSandbox
import Foundation
@testable import EMQXShell
import LineEditor
import Testing

@Suite struct CompleterTests {
    @Test func completesFromTheCatalogTheSessionAndTheLiveAPI() async throws {
        try await withShell(.v5) { session, _, sandbox in
            for id in ["sensor-1", "sensor-2", "gw-9"] { await sandbox.state.seed(SandboxClient(clientID: id)) }
            try await session.run("let threshold = 5", sourceName: "t")
            let completer = Completer(session: session, budget: .seconds(5))
            // Off the cooperative pool, as the REPL calls it.
            let results: [String: [String]] = await withCheckedContinuation { continuation in
                Thread {
                    var results: [String: [String]] = [:]
                    for line in ["cli", "clients ", "clients --st", "kick sen", "$thr", "set output ", "use "] {
                        results[line] = completer.candidates(line).filter { $0.hasPrefix(Completion.currentWord(line)) }
                    }
                    continuation.resume(returning: results)
                }.start()
            }
            #expect(results["cli"] == ["clients"])
            #expect(results["clients "] == ["kick", "show", "subscriptions"])
            #expect(results["clients --st"] == ["--state"])
            #expect(results["kick sen"] == ["sensor-1", "sensor-2"])
            #expect(results["$thr"] == ["$threshold"])
            #expect(results["set output "] == ["table", "json", "jsonl", "csv", "yaml"])
            #expect(results["use "] == ["sandbox"])
        }
    }

    @Test func tabInsertsTheCommonPartOrLists() {
        #expect(Completion.apply(["sensor-1", "sensor-2"], to: "kick sen") == ("sor-", []))
        #expect(Completion.apply(["sensor-1", "sensor-2"], to: "kick sensor-") == ("", ["sensor-1", "sensor-2"]))
        #expect(Completion.apply(["clients"], to: "cl") == ("ients ", []))
        #expect(Completion.apply(["a"], to: "x") == ("", []))
    }
}
