import ArgumentParser
import EMQXJSON
import EMQXKit
import EMQXSandbox
import EMQXScript
import EMQXShell
import Foundation
import LineEditor

/// `emqxsh`: a shell for EMQX deployments. Until the command language lands, it sends raw API requests.
@main
struct EMQXShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emqxsh",
        abstract: "A scriptable shell for EMQX deployments (management API v4 and v5).",
        discussion: """
            At the prompt: get|post|put|delete PATH [JSON], e.g. `get /nodes` or
            `post /publish {"topic":"t/1","payload":"hi"}`; `help`; `exit`.
            """,
        version: "0.1.0"
    )

    @Flag(help: "Start the embedded sandbox deployment and connect to it.")
    var sandbox = false

    @Option(help: "The deployment's API base URL, e.g. https://host:8443/api/v5.")
    var url: String?

    @Option(help: "The API generation: v4, v5 or auto.")
    var api: String = "auto"

    @Option(help: "The AppID (API key id).")
    var appID: String?

    @Option(help: "The environment variable that holds the AppSecret (secrets are never taken on the command line).")
    var secretEnv: String = "EMQX_APP_SECRET"

    @Option(name: .customShort("c"), help: "Run these commands and exit (repeatable).")
    var commands: [String] = []

    mutating func run() async throws {
        guard let generation = GenerationSetting(api) else {
            throw ValidationError("--api takes v4, v5 or auto, not '\(api)'")
        }
        var sandboxServer: Sandbox?
        let deployment: Deployment
        if sandbox || url == nil {
            let server = try Sandbox(configuration: SandboxConfiguration())
            try await server.start()
            sandboxServer = server
            let style: Sandbox.APIStyle = generation == .fixed(.v4) ? .v4 : .v5
            deployment = try Deployment(
                name: "sandbox", url: server.baseURL(style),
                credentials: Credentials(appID: server.configuration.appID, secret: server.configuration.appSecret),
                generation: generation,
                tls: TLSOptions(pinnedSHA256: server.certificate?.sha256Fingerprint))
            FileHandle.standardError.write(Data("emqxsh: sandbox at \(server.baseURL(style)) (AppID \(server.configuration.appID))\n".utf8))
        } else {
            let secret = ProcessInfo.processInfo.environment[secretEnv]
            let credentials = appID.map { Credentials(appID: $0, secret: secret ?? "") }
            deployment = try Deployment(name: "default", url: url ?? "", credentials: credentials, generation: generation)
        }
        let client = try await EMQXClient.connect(to: deployment)
        var failed = false
        let session = InterimSession(client: client, name: deployment.name)
        if !commands.isEmpty {
            for command in commands where !(await session.run(command)) { failed = true; break }
        } else {
            let reader: any LineReader = EditLineReader(program: "emqxsh", historyPath: nil) ?? PlainLineReader()
            loop: while true {
                switch reader.readLine(prompt: await session.prompt()) {
                case .endOfInput: break loop
                case .interrupted: continue
                case .line(let line):
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed == "exit" || trimmed == "quit" { break loop }
                    reader.addHistory(line)
                    if !(await session.run(line)) { failed = true }
                }
            }
        }
        await client.shutdown()
        await sandboxServer?.stop()
        if failed && !commands.isEmpty { throw ExitCode(4) }
    }
}

/// The raw-request loop that stands in for the command language.
struct InterimSession {
    let client: EMQXClient
    let name: String

    func prompt() async -> String {
        "\(name) \(client.knownGeneration?.rawValue ?? "auto")> "
    }

    /// Runs one line; false when it failed.
    func run(_ line: String) async -> Bool {
        let words: [Word]
        do { words = try WordSplitter.split(line) } catch {
            printError("error: \(error)")
            return false
        }
        guard let verb = words.first?.text.lowercased() else { return true }
        if verb == "help" {
            print("get|post|put|delete PATH [JSON]   send a request relative to the API base, e.g. get /clients")
            return true
        }
        guard let method = HTTPMethod(rawValue: verb.uppercased()), words.count >= 2 else {
            printError("error: unknown command '\(words[0].text)'; try: get /nodes")
            return false
        }
        var body: JSONValue?
        if words.count >= 3 {
            do { body = try JSONParser.parse(words[2].text) } catch {
                printError("error: the body at column \(words[2].column) is \(error)")
                return false
            }
        }
        do {
            let response = try await client.raw(method, words[1].text, body: body)
            if isatty(STDOUT_FILENO) != 0, let table = TableRenderer().render(response.data) {
                print(table)
            } else if response.body != .null {
                print(JSONWriter.encodePretty(response.body))
            }
            return true
        } catch {
            printError("error: \(error)")
            return false
        }
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
