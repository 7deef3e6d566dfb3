import EMQXJSON
import EMQXKit
import EMQXScript
import Foundation

/// `trace follow`: a trace's log as it grows. The other `trace` commands are the deployment's operations
/// (`trace create`, `trace list`, `trace stop NAME`, `trace delete NAME`).
enum TraceCommands {
    static let duration = CommandFlag<String>.text("for", "stop after this long: 30s, 5m (default: until Ctrl-C)")
    static let every = CommandFlag<String>.text("every", "how often to read the log: 500ms, 2s (default 500ms)")
    static let from = CommandFlag<LogStart>.choice(
        "from", "start: the whole log so far (default); end: what comes next")

    /// Where following starts.
    enum LogStart: String, CaseIterable, Sendable {
        case start, end
    }

    static let all: [any ShellCommand] = [
        Command(
            "trace follow", "print a trace's log as it grows, until Ctrl-C or --for",
            example: "trace follow sensor7 --for 30s",
            signature: CommandSignature(["NAME"], flags: [duration, every, from])
        ) { args, session in
            let client = try session.requireClient(args)
            let name = args.word(0) ?? ""
            let interval = try SessionCommands.duration(try args[every] ?? "500ms", of: "trace follow: --every")
            let deadline = try args[duration].map {
                ContinuousClock.now + (try SessionCommands.duration($0, of: "trace follow: --for"))
            }
            var position = 0
            var total = 0
            if try args[from] == .end { position = try await skipToEnd(client, name) }
            while deadline.map({ ContinuousClock.now < $0 }) ?? true {
                try Task.checkCancellation()
                let chunk = try await read(client, name, position: position, bytes: 1 << 16)
                if !chunk.text.isEmpty {
                    session.sink.write(session.isTerminal ? VisibleText.escape(chunk.text) : chunk.text)
                    total += chunk.text.utf8.count
                }
                let advanced = chunk.next != position
                position = chunk.next
                // A full read may have more behind it: read again at once.
                if advanced && chunk.text.utf8.count >= 1 << 16 { continue }
                let pause = deadline.map { min(interval, $0 - ContinuousClock.now) } ?? interval
                if pause > .zero { try await Task.sleep(for: pause) }
            }
            return .map(["name": .string(name), "bytes": .int(Int64(total)), "position": .int(Int64(position))])
        }
    ]

    /// One read of `GET /trace/{name}/log`: the text from `position` and the position after it.
    static func read(
        _ client: EMQXClient, _ name: String, position: Int, bytes: Int
    ) async throws -> (text: String, next: Int) {
        let request = APIRequest(
            .get, "/trace/{name}/log", [name],
            query: [QueryItem("bytes", String(bytes)), QueryItem("position", String(position))])
        let body = try await client.send(request).body
        let text = body["items"]?.stringValue ?? ""
        let next = body["meta"]?["position"]?.intValue.map(Int.init) ?? position + text.utf8.count
        return (text, next)
    }

    private static func skipToEnd(_ client: EMQXClient, _ name: String) async throws -> Int {
        var position = 0
        while true {
            let chunk = try await read(client, name, position: position, bytes: 1 << 20)
            if chunk.next == position { return position }
            position = chunk.next
        }
    }
}
