import EMQXKit
import EMQXSandbox
import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXShell

/// `top`: rates from two samples, sorting and filtering, the drawn screen, the snapshot a script gets, and the
/// full-screen view in a real terminal (keys, quitting, the terminal given back).
struct TopTests {
    /// Clients with their messages in and out so far.
    func sample(_ clients: [(String, Int64, Int64)]) -> TopSample {
        TopSample(
            at: .now,
            nodes: [.init(node: "emqx@127.0.0.1", connections: Int64(clients.count), subscriptions: 3, topics: 2)],
            messagesIn: clients.reduce(0) { $0 + $1.1 }, messagesOut: clients.reduce(0) { $0 + $1.2 }, bytesIn: 0,
            bytesOut: 0,
            clients: clients.map {
                TopSample.ClientCounters(
                    clientID: $0.0, node: "emqx@127.0.0.1", messagesIn: $0.1, messagesOut: $0.2, bytesIn: $0.1 * 10,
                    bytesOut: 0, subscriptions: 1, queue: 0)
            })
    }

    @Test func ratesAreFromTwoSamplesAndTheChosenColumnSorts() {
        var view = TopView()
        let start = ContinuousClock.now
        var first = sample([("sensor-1", 100, 0), ("sensor-2", 100, 50), ("web-1", 0, 0)])
        first.at = start
        view.update(first)
        var second = sample([("sensor-1", 120, 0), ("sensor-2", 300, 60), ("web-1", 0, 40)])
        second.at = start + .seconds(2)
        view.update(second)
        #expect(view.shownRows.map(\.clientID) == ["sensor-2", "sensor-1", "web-1"])
        #expect(view.shownRows[0].figure(.messagesIn) == 100 && view.shownRows[1].figure(.bytesIn) == 100)
        #expect(view.rates.messagesIn == 110 && view.rates.messagesOut == 25)
        view.sort = .messagesOut
        #expect(view.shownRows.map(\.clientID) == ["web-1", "sensor-2", "sensor-1"])
        view.filter = "sensor-*"
        #expect(view.shownRows.map(\.clientID) == ["sensor-2", "sensor-1"])
        view.filter = "web"
        #expect(view.shownRows.map(\.clientID) == ["web-1"])
    }

    @Test(arguments: [
        ("sensor-12", "sensor-*", true), ("sensor-12", "sensor-?", false), ("sensor-12", "*-1?", true),
        ("sensor-12", "ens", true), ("sensor-12", "web*", false), ("a", "*", true),
    ])
    func clientIDPatterns(_ text: String, _ pattern: String, _ matches: Bool) {
        #expect(TopView.matches(text, pattern) == matches)
    }

    @Test func theScreenFitsTheTerminalAndShowsTheGraph() {
        var view = TopView()
        let start = ContinuousClock.now
        for (index, received) in [0, 10, 30, 60, 100].enumerated() {
            var next = sample([("c-\(index)", Int64(received), 0)] + [("steady", Int64(received), 0)])
            next.at = start + .seconds(index)
            view.update(next)
        }
        let lines = view.lines(width: 70, height: 12, title: "emqxsh top — lab", prompt: nil)
        #expect(lines.count == 12 && lines.allSatisfy { $0.count <= 70 })
        #expect(lines[0] == "emqxsh top — lab")
        #expect(lines[2].hasPrefix("in ") && lines[2].hasSuffix("█"), "\(lines[2])")
        #expect(lines[5].contains("MSG_IN/S↓") && lines.last == "1-6 sort  / filter  q quit")
        #expect(TopView.sparkline([0, 0], width: 5) == "▁▁")
        #expect(TopView.sparkline([1, 2, 4, 8], width: 10) == "▂▃▅█")
        #expect(TopView.sparkline([1, 2, 4, 8], width: 2) == "▅█", "the latest fit")
    }

    @Test(
        .enabled(if: EndToEnd.binaryExists, "build emqxsh first: swift build"),
        arguments: [Sandbox.APIStyle.v5, .v4])
    func notOnATerminalTopPrintsOneSnapshot(_ style: Sandbox.APIStyle) async throws {
        try await withLocalDeployment(api: style) { sandbox, environment in
            // Processes of their own: a steady publisher (a message every 10 ms), a quiet subscriber, and a client the
            // filter leaves out.
            let port = String(sandbox.mqttPort)
            let busy = try PeerProcess(
                "mosquitto_pub",
                [
                    "-p", port, "-i", "busy-sensor", "-t", "top/1", "-m", "x", "--repeat", "100000", "--repeat-delay",
                    "0.01",
                ])
            defer { busy.stop() }
            let idle = try PeerProcess("mosquitto_sub", ["-p", port, "-i", "idle-sensor", "-t", "top/#"])
            defer { idle.stop() }
            let other = try PeerProcess("mosquitto_sub", ["-p", port, "-i", "dashboard", "-t", "other/#"])
            defer { other.stop() }
            for _ in 0..<500 where await sandbox.state.connectedClientCount() < 3 {
                try await Task.sleep(for: .milliseconds(20))
            }
            let result = try await EndToEnd.run(
                [
                    "--norc", "-d", "local", "-c",
                    "let t = top --every 700ms --filter '*-sensor'; print $t.sort len($t.clients) "
                        + "$t.clients[0].clientid $t.clients[1].msg_in ($t.clients[0].msg_in > 0) "
                        + "($t.messages_in_per_second > 0) $t.nodes[0].connections",
                ], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "msg_in 2 busy-sensor 0.0 true true 3\n", "\(result.stdout)")
        }
    }

    @Test(
        .enabled(
            if: EndToEnd.binaryExists && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"),
            "needs the built emqxsh and tmux"))
    func theFullScreenViewTakesKeysAndGivesTheTerminalBack() async throws {
        let terminal = try await TmuxTerminal.start(EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("sandbox v5>")
        try await terminal.type("users add top-watcher --password x")
        try await terminal.waitFor("sandbox v5>", times: 2)
        try await terminal.type("top --every 300ms")
        try await terminal.waitFor("emqxsh top — sandbox")
        #expect(try await terminal.tmux(["display", "-p", "-t", "main", "#{alternate_on}"]) == "1\n")
        try await terminal.waitFor("MSG_IN/S↓")
        try await terminal.keys("5")
        try await terminal.waitFor("SUBS↓")
        try await terminal.keys("/")
        try await terminal.waitFor("filter (client id, * and ?): _")
        try await terminal.keys("zz")
        try await terminal.keys("Enter")
        try await terminal.waitFor("filter: zz  (0 of")
        try await terminal.keys("q")
        try await terminal.waitFor("sandbox v5>", times: 3)
        // Back on the main screen, with the cursor shown and the line editor reading keys as before.
        #expect(try await terminal.tmux(["display", "-p", "-t", "main", "#{alternate_on}#{cursor_flag}"]) == "01\n")
        let screen = try await terminal.screen()
        #expect(screen.contains("sandbox v5> top --every 300ms") && !screen.contains("MSG_IN/S"))
        try await terminal.type("print \"still sane\"")
        try await terminal.waitFor("still sane\n")
    }

    @Test(
        .enabled(
            if: EndToEnd.binaryExists && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"),
            "needs the built emqxsh and tmux"))
    func ctrlCLeavesTheTerminalInItsOwnModes() async throws {
        let terminal = try await TmuxTerminal.start(
            "sh -c '" + EndToEnd.binary + " --sandbox --norc -c top; echo exit=$?; stty -a; sleep 30'")
        defer { terminal.stop() }
        try await terminal.waitFor("emqxsh top — sandbox")
        try await terminal.keys("C-c")
        try await terminal.waitFor("exit=0")
        let words = try await terminal.screen().split(whereSeparator: \.isWhitespace)
        for mode in ["icanon", "echo", "isig", "icrnl", "ixon", "iexten"] {
            #expect(words.contains(Substring(mode)), "\(mode) is back on: \(words)")
        }
    }
}
