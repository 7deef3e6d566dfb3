import EMQXSandbox
import EMQXScript
import Foundation
import LineEditor
import Testing

@testable import EMQXShell

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

    @Test func completesTheDeploymentsOperationsTheirFlagsValuesAndLiveNames() async throws {
        try await withShell(.v5) { session, _, _ in
            session.operationTables = OperationTables(directory: nil)
            try await session.run("trace create --name t1 --type topic --topic 'a/#'", sourceName: "t")
            let completer = Completer(session: session, budget: .seconds(5))
            let lines = [
                "tra", "trace ", "trace create --ty", "trace create --type ", "trace stop ", "mqtt ", "gateways ",
            ]
            let results: [String: [String]] = await withCheckedContinuation { continuation in
                Thread {
                    var results: [String: [String]] = [:]
                    for line in lines {
                        results[line] = completer.candidates(line).filter { $0.hasPrefix(Completion.currentWord(line)) }
                    }
                    continuation.resume(returning: results)
                }.start()
            }
            #expect(results["tra"] == ["trace"])
            #expect(results["trace "] == ["clear", "create", "delete", "follow", "list", "log", "stop"])
            #expect(results["trace create --ty"] == ["--type"])
            #expect(results["trace create --type "] == ["clientid", "topic", "ip_address"])
            #expect(results["trace stop "] == ["t1"])
            #expect(
                results["mqtt "] == ["delayed", "retainer", "topic_metrics"],
                "what the sandbox's own document has under mqtt")
            #expect(results["gateways "] == [], "EMQX has gateways; the sandbox's document does not")
        }
    }

    @Test func tabInsertsTheCommonPartOrLists() {
        func apply(_ names: [String], _ before: String) -> Completion.Edit {
            Completion.apply(names, to: before, quote: ShellWord.quote, unquote: ShellWord.unquote)
        }
        #expect(apply(["sensor-1", "sensor-2"], "kick sen") == .init(delete: 0, insert: "sor-", list: []))
        #expect(
            apply(["sensor-1", "sensor-2"], "kick sensor-")
                == .init(delete: 0, insert: "", list: ["sensor-1", "sensor-2"]))
        #expect(apply(["clients"], "cl") == .init(delete: 0, insert: "ients ", list: []))
        #expect(apply(["a"], "x") == .init(delete: 0, insert: "", list: []))
        #expect(apply(["x; a", "x; b"], "kick x") == .init(delete: 1, insert: "\"x; ", list: []))
        #expect(apply(["x; a", "x; b"], "kick \"x; ") == .init(delete: 0, insert: "", list: ["\"x; a\"", "\"x; b\""]))
    }

    static let hostileNames = [
        "x; users delete admin", "a}b", "two words", "it's", "say \"hi\"", "$HOME", "${1+1}", "#not-a-comment",
        "line\nbreak", "esc\u{1B}[31m", "bidi\u{202E}txt", "😀 👍🏽", "-flag", "back\\slash",
        "$(users delete admin)",
        "(paren",
    ]

    /// Whatever a client calls itself, Tab inserts a word that the language reads back as exactly that name.
    @Test(arguments: hostileNames)
    func aCompletedNameIsOneWordMeaningExactlyTheName(_ name: String) async throws {
        let edit = Completion.apply([name], to: "kick ", quote: ShellWord.quote, unquote: ShellWord.unquote)
        #expect(edit.delete == 0)
        let line = "kick " + edit.insert
        #expect(!edit.insert.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E })
        let host = ArgumentCapture()
        let interpreter = Interpreter(host: host)
        try await interpreter.run(line, sourceName: "completion")
        #expect(host.calls == [["kick", name]], "\(line)")
        // Typing the beginning first, in any form, ends with the same word.
        let typed = String(name.prefix(1))
        let partial = Completion.apply(
            [name], to: "kick " + ShellWord.quote(typed).dropLast(ShellWord.quote(typed) == typed ? 0 : 1),
            quote: ShellWord.quote, unquote: ShellWord.unquote)
        #expect(!partial.insert.isEmpty)
    }
}

/// Records the commands a line runs and their arguments as values.
private final class ArgumentCapture: ScriptHost, @unchecked Sendable {
    var calls: [[String]] = []
    func hasCommand(_ name: String) -> Bool { name == "kick" }
    func runCommand(
        _ name: String, arguments: [CommandArgument], at location: EMQXScript.SourceLocation
    ) async throws -> Value {
        calls.append(
            [name]
                + arguments.map { argument in
                    if case .value(let value) = argument { return value.displayText }
                    return "\(argument)"
                })
        return .null
    }
    func show(_ value: Value) async throws {}
    func print(_ text: String) {}
    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        throw CommandFailure(code: "NOT_FOUND", message: "no files")
    }
    func environment(_ name: String) -> String? { nil }
    func now() -> Double { 0 }
}
