import EMQXTestSupport
import Foundation
import Glibc
import Testing

/// The REPL in a real terminal (tmux): prompt, continuation, Ctrl-C, UTF-8, history, Ctrl-R.
@Suite(
    .enabled(
        if: EndToEnd.binaryExists && FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux"),
        "needs the built emqxsh and tmux"))
struct InteractiveTests {
    @Test func promptContinuationInterruptAndUTF8() async throws {
        let terminal = try await TmuxTerminal.start(EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("sandbox v5>")
        try await terminal.type("let total = 0")
        try await terminal.type("for i in 1..4 {")
        try await terminal.waitFor("...")
        try await terminal.type("  total += $i")
        try await terminal.type("}")
        try await terminal.type("print \"total=${total} café ☃\"")
        try await terminal.waitFor("total=10 café ☃")
        try await terminal.type("print \"looping\"; while true { total += 1 }")
        try await terminal.waitFor("looping")
        try await terminal.keys("C-c")
        try await terminal.waitFor("interrupted")
        try await terminal.type("print \"after\" $total")
        try await terminal.waitFor("after ")
        let screen = try await terminal.screen()
        #expect(screen.contains("sandbox v5> print \"after\" $total"))
    }

    @Test func tabCompletesCommandsFlagsAndLiveNames() async throws {
        let terminal = try await TmuxTerminal.start(EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("sandbox v5>")
        try await terminal.type("users add zed-operator --password x")
        // `users add` prints nothing: keys typed before the next prompt would be echoed ahead of it.
        try await terminal.waitFor("sandbox v5>", times: 2)
        try await terminal.keys("user")
        try await terminal.keys("Tab")
        try await terminal.keys("sh")
        try await terminal.keys("Tab")
        try await terminal.keys("ze")
        // Live names wait at most 300 ms; on a loaded machine the first fetch may finish just after, into the cache.
        try await terminal.tab(until: "sandbox v5> users show zed-operator")
        try await terminal.keys("Enter")
        try await terminal.waitFor("is_superuser  false")
        try await terminal.keys("clients --st")
        try await terminal.keys("Tab")
        try await terminal.waitFor("clients --state")
    }

    @Test func recordAtThePromptThenCheckTheRecording() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-prompt-\(UUID().uuidString).emqxrec"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let terminal = try await TmuxTerminal.start(EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("sandbox v5>")
        try await terminal.type("record \(path)")
        try await terminal.waitFor("'record stop' ends it")
        try await terminal.type("users add zoë --password 'très secret'")
        try await terminal.type("for u in users {")
        try await terminal.type("print \"user:\" $u.user_id")
        try await terminal.type("}")
        try await terminal.waitFor("user: zoë")
        try await terminal.type("record stop")
        try await terminal.waitFor("(recorded to")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("] sandbox v5> users add zoë --password ********\n"))
        #expect(text.contains("] sandbox v5> for u in users {\n") && text.contains("] sandbox v5... }\nuser: zoë\n"))
        #expect(!text.contains("très secret") && !text.contains("record "))
        let check = try await EndToEnd.run(["replay", "--check", path])
        #expect(check.status == 0, "\(check.stderr)")
    }

    @Test func tabCompletesTheIdOfARealMQTTClient() async throws {
        let terminal = try await TmuxTerminal.start(EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("sandbox v5>")
        // The banner says where MQTT clients connect; a real one does.
        let banner = try await terminal.screen()
        let port = try #require(banner.firstMatch(of: /mqtt:\/\/127\.0\.0\.1:(\d+)/)?.1)
        let sensor = try PeerProcess(
            "mosquitto_sub",
            ["-h", "127.0.0.1", "-p", String(port), "-i", "live-sensor-42", "-t", "cmd/#", "-V", "mqttv5"])
        defer { sensor.stop() }
        for _ in 0..<20 where !(try await terminal.screen()).contains("live-sensor-42") {
            try await terminal.type("clients --fields clientid")
            try await Task.sleep(for: .milliseconds(250))
        }
        try await terminal.keys("kick live-s")
        try await terminal.tab(until: "sandbox v5> kick live-sensor-42")
        try await terminal.keys("Enter")
        #expect(await sensor.waitForExit(within: 5), "the kicked client is disconnected")
    }

    @Test func aHistoryFileThatIsALinkIsRefusedNotFollowed() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-history-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        try FileManager.default.createDirectory(atPath: data + "/emqxsh", withIntermediateDirectories: true)
        let target = data + "/precious"
        try "precious\n".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: data + "/emqxsh/history-sandbox", withDestinationPath: target)
        let terminal = try await TmuxTerminal.start("XDG_DATA_HOME=\(data) " + EndToEnd.binary + " --sandbox")
        defer { terminal.stop() }
        try await terminal.waitFor("warning: history is not kept: ")
        #expect(
            try await terminal.screen().replacingOccurrences(of: "\n", with: "").contains(
                "is a symbolic link; refusing to write through it"))
        try await terminal.waitFor("sandbox v5>")
        try await terminal.type("print \"still works\"")
        try await terminal.waitFor("still works")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func historyIsKeptAcrossRestartsAndSearchable() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-history-\(UUID().uuidString)")
            .path
        let first = try await TmuxTerminal.start("XDG_DATA_HOME=\(data) " + EndToEnd.binary + " --sandbox")
        defer { first.stop() }
        try await first.waitFor("sandbox v5>")
        try await first.type("print \"remember me\"")
        try await first.type("users add carol --password hunter2")
        try await first.type("users add dan --pasword typo-secret-1")
        try await first.type(
            "post /authentication/password_based%3Abuilt_in_database/users {user_id: \"eve\", password: "
                + "\"body-secret-2\"}"
        )
        try await first.type("print \"second\"")
        try await first.waitFor("second")
        try await first.type("connect http://127.0.0.1:9/api/v5 --name elsewhere")
        try await first.waitFor("elsewhere v5>")
        try await first.type("print \"only elsewhere\"")
        try await first.waitFor("only elsewhere")
        try await first.keys("C-d")
        // The shell writes each deployment's history as it leaves it: wait for the file, not for a time.
        let file = data + "/emqxsh/history-sandbox"
        for _ in 0..<200 where !((try? String(contentsOfFile: file, encoding: .utf8))?.contains("second") ?? false) {
            try await Task.sleep(for: .milliseconds(25))
        }
        let history = try String(contentsOfFile: data + "/emqxsh/history-sandbox", encoding: .utf8)
        #expect(history.contains("remember\\040me"))
        #expect(!history.contains("only\\040elsewhere"))
        let elsewhere = try String(contentsOfFile: data + "/emqxsh/history-elsewhere", encoding: .utf8)
        #expect(elsewhere.contains("only\\040elsewhere"), "each deployment keeps its own history")
        for secret in ["hunter2", "typo-secret-1", "body-secret-2"] {
            #expect(!history.contains(secret), "a line with a password reached the history file")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: data + "/emqxsh/history-sandbox")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try await TmuxTerminal.start("XDG_DATA_HOME=\(data) " + EndToEnd.binary + " --sandbox")
        defer { second.stop() }
        try await second.waitFor("sandbox v5>")
        try await second.keys("Up")
        try await second.waitFor("sandbox v5> connect http://127.0.0.1:9/api/v5 --name elsewhere")
        try await second.keys("Up")
        try await second.waitFor("sandbox v5> print \"second\"")
        try await second.keys("C-u")
        try await second.keys("C-r")
        try await second.keys("rememb")
        try await second.waitFor("print \"remember me\"")
    }
}

/// A terminal program run inside a private tmux server, driven by keys and read from its screen.
final class TmuxTerminal: @unchecked Sendable {
    let socket = "emqxsh-test-\(UUID().uuidString.prefix(8))"

    static func start(_ command: String) async throws -> TmuxTerminal {
        let terminal = TmuxTerminal()
        // The tmux server this starts inherits the client's output: give it none, or reading it would never end.
        _ = try await terminal.tmux(
            ["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "120", "-y", "40", command], detached: true)
        return terminal
    }

    /// Types a line and presses Enter once the line editor shows it (keys sent earlier are all taken in by then).
    func type(_ line: String) async throws {
        _ = try await tmux(["send-keys", "-t", "main", "-l", line])
        try await waitFor(String(line.suffix(16)))
        _ = try await tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Sends keys by tmux's names (`C-c`, `Up`); they reach the program in order, after those sent before.
    func keys(_ keys: String) async throws {
        _ = try await tmux(["send-keys", "-t", "main", keys])
    }

    /// Presses Tab until the screen shows `text` (a live fetch that missed its budget lands in the cache).
    func tab(until text: String) async throws {
        for _ in 0..<5 {
            try await keys("Tab")
            let deadline = ContinuousClock.now + .seconds(2)
            while ContinuousClock.now < deadline {
                if try await screen().contains(text) { return }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        try await waitFor(text)
    }

    func screen() async throws -> String {
        // -J: a line the terminal wrapped reads as the one line it is.
        try await tmux(["capture-pane", "-t", "main", "-p", "-J"])
    }

    /// Waits until the screen shows `text` (at least `times` times), for at most ten seconds.
    func waitFor(_ text: String, times: Int = 1) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try await screen().components(separatedBy: text).count > times { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the screen never showed \"\(text)\":\n\(try await screen())")
        throw CancellationError()
    }

    /// Ends the program in the terminal, then the tmux server.
    func stop() {
        let panes =
            (try? Spawn.run(
                ["/usr/bin/tmux", "-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"], captureOutput: true)) ?? ""
        for pid in panes.split(separator: "\n").compactMap({ pid_t($0) }) { kill(pid, SIGKILL) }
        _ = try? Spawn.run(["/usr/bin/tmux", "-L", socket, "kill-server"], captureOutput: false)
    }

    /// Runs tmux and returns what it printed.
    ///
    /// posix_spawn rather than Process: the tmux server that `new-session` starts would inherit
    /// Process's internal descriptors and keep it from ever seeing the client exit.
    @discardableResult
    func tmux(_ arguments: [String], detached: Bool = false) async throws -> String {
        let argv = ["/usr/bin/tmux", "-L", socket] + arguments
        return try await Task.detached { try Spawn.run(argv, captureOutput: !detached) }.value
    }
}

enum Spawn {
    struct Failure: Error { var message: String }

    /// Runs a program with /dev/null or a pipe as its standard streams, and waits for it.
    static func run(_ argv: [String], captureOutput: Bool) throws -> String {
        var pipe: [Int32] = [-1, -1]
        // Close-on-exec, so the tmux server a client may start never holds our read end open.
        if captureOutput {
            guard Glibc.pipe(&pipe) == 0 else { throw Failure(message: "pipe failed") }
            _ = fcntl(pipe[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipe[1], F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, nil, cArguments, cEnvironment)
        guard status == 0 else { throw Failure(message: "posix_spawn failed: \(status)") }
        var output = Data()
        if captureOutput {
            close(pipe[1])
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(pipe[0], &buffer, buffer.count)
                if count <= 0 { break }
                output.append(contentsOf: buffer[0..<count])
            }
            close(pipe[0])
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        return String(decoding: output, as: UTF8.self)
    }
}
