import EMQXJSON
import EMQXKit
import EMQXScript

/// `use`, `connect`, `api`, `context`, `deployments`, `set`, `timing`: the session itself.
enum ContextCommands {
    static let appID = CommandFlag<String>.text("app-id", "the API key id")
    static let secretEnv = CommandFlag<String>.text(
        "secret-env", "the environment variable holding the secret (else you are asked)")
    static let api = CommandFlag<String>.text("api", "v4, v5 or auto (default auto)")
    static let name = CommandFlag<String>.text("name", "a name for the prompt (default: the host)")
    static let caFile = CommandFlag<String>.text("ca-file", "extra CA certificates (PEM)")
    static let pin = CommandFlag<String>.text("pin", "the server certificate's SHA-256 fingerprint")
    static let digest = CommandFlag<Bool>.presence("digest", "use HTTP Digest authentication only")

    static let all: [any ShellCommand] = [
        Command(
            "use", "switch to a deployment from the configuration", example: "use prod",
            signature: CommandSignature(["NAME"])
        ) { args, session in
            let name = args.word(0) ?? ""
            if let entry = session.configuration.deployments[name] {
                try await session.connect(try entry.resolve())
                return .null
            }
            guard let deployment = session.deployments[name] else {
                let known = Set(session.deployments.keys).union(session.configuration.deployments.keys).sorted()
                throw ShellError.usage(
                    "use: no deployment named '\(name)'"
                        + (known.isEmpty
                            ? "; add one to config.toml or 'connect URL'" : "; known: \(known.joined(separator: ", "))")
                )
            }
            try await session.connect(deployment)
            return .null
        },
        Command(
            "connect", "connect to a deployment by URL",
            example: "connect https://abc.emqxsl.com:8443/api/v5 --app-id KEY --secret-env EMQX_SECRET",
            signature: CommandSignature(
                ["URL"],
                flags: [appID, secretEnv, api, name, caFile, pin, digest])
        ) { args, session in
            let url = args.word(0) ?? ""
            var credentials: Credentials?
            if let appID = try args[appID] {
                let secret: String?
                if let variable = try args[secretEnv] {
                    guard let value = session.environment(variable) else {
                        throw ShellError.usage("connect: $\(variable) is not set")
                    }
                    secret = value
                } else {
                    secret = session.readSecret?("AppSecret for \(appID): ")
                }
                guard let secret else { throw ShellError.usage("connect: no secret; give --secret-env VARIABLE") }
                credentials = Credentials(appID: appID, secret: secret)
            }
            guard let generation = GenerationSetting(try args[api] ?? "auto") else {
                throw ShellError.usage("connect: --api takes v4, v5 or auto")
            }
            let base = try APIBaseURL(url)
            let deployment = try Deployment(
                name: try args[name] ?? base.host, url: url, credentials: credentials, generation: generation,
                authMode: try args[digest] == true ? .digest : .auto,
                tls: TLSOptions(caFile: try args[caFile], pinnedSHA256: try args[pin]))
            try await session.connect(deployment)
            return .null
        },
        Command(
            "api", "set the API generation of this deployment", example: "api v4",
            signature: CommandSignature(["v4|v5|auto"])
        ) { args, session in
            guard let setting = GenerationSetting(args.word(0) ?? "") else {
                throw ShellError.usage("api: say v4, v5 or auto")
            }
            guard var deployment = session.deployments[session.deploymentName], session.client != nil else {
                throw ShellError.usage("api: not connected; 'use NAME' or 'connect URL' first")
            }
            deployment.generation = setting
            try await session.connect(deployment)
            return .null
        },
        Command("context", "the deployment, its URL, API generation and key id (never the secret)", example: "context")
        { _, session in
            guard let client = session.client else { return .object(["deployment": .null]) }
            let deployment = client.deployment
            let generation: Value
            switch deployment.generation {
            case .fixed(let g): generation = .string("\(g) (set)")
            case .auto:
                generation = .string(client.knownGeneration.map { "\($0) (detected)" } ?? "auto (not yet detected)")
            }
            var context: OrderedMap<Value> = [
                "deployment": .string(deployment.name), "url": .string(deployment.baseURL.description),
                "api": generation,
                "app_id": deployment.credentials.map { .string($0.appID) } ?? .null,
                "auth": .string(deployment.authMode.rawValue),
                "tls": .string(
                    deployment.baseURL.isTLS
                        ? (deployment.tls.pinnedSHA256 != nil
                            ? "pinned" : deployment.tls.caFile != nil ? "CA file" : "system trust") : "none (http)"),
            ]
            if let mqtt = session.mqttEndpoint(of: deployment.name) {
                context["mqtt"] = .string(mqtt.description)
                if let login = deployment.mqttLogin { context["mqtt_username"] = .string(login.appID) }
            }
            return .map(context)
        },
        Command("deployments", "deployments 'use' knows: from config.toml and connected ones", example: "deployments") {
            _, session in
            var rows: [String: Value] = [:]
            for entry in session.configuration.deployments.values {
                rows[entry.name] = .object([
                    "name": .string(entry.name), "url": .string(entry.url), "api": .string(entry.api.description),
                    "current": .bool(entry.name == session.deploymentName),
                ])
            }
            for deployment in session.deployments.values where rows[deployment.name] == nil {
                rows[deployment.name] = .object([
                    "name": .string(deployment.name), "url": .string(deployment.baseURL.description),
                    "api": .string(deployment.generation.description),
                    "current": .bool(deployment.name == session.deploymentName),
                ])
            }
            return .list(rows.keys.sorted().compactMap { rows[$0] })
        },
        Command(
            "set", "change a setting: output FORMAT", example: "set output json",
            signature: CommandSignature(["output", "FORMAT"])
        ) { args, session in
            guard args.word(0) == "output" else {
                throw ShellError.usage("set: the setting is output, as in 'set output json'")
            }
            guard let format = OutputFormat(name: args.word(1) ?? "") else {
                throw ShellError.usage("set output: say table, json, jsonl, csv or yaml")
            }
            session.settings.format = format
            return .null
        },
        Command(
            "timing", "print each command's duration", example: "timing on", signature: CommandSignature(["on|off"])
        ) { args, session in
            switch args.word(0) {
            case "on": session.timing = true
            case "off": session.timing = false
            default: throw ShellError.usage("timing: say on or off")
            }
            return .null
        },
    ]
}

/// `help` and `help COMMAND`.
struct HelpCommand: ShellCommand {
    let name = "help"
    let summary = "list commands, or explain one"
    let example = "help clients"
    let signature = CommandSignature(["[COMMAND…]"], minimum: 0)

    func run(_ arguments: CommandArguments, in session: ShellSession) async throws -> Value {
        let catalog = session.catalog
        if !arguments.positionals.isEmpty {
            let name = arguments.positionals.map(\.displayText).joined(separator: " ")
            if let command = catalog.commands[name] {
                session.sink.write(command.help + "\n")
                return .null
            }
            let subs = catalog.subcommands(of: name)
            if subs.isEmpty, let text = await operationHelp(name, session) {
                session.sink.write(text + "\n")
                return .null
            }
            guard !subs.isEmpty else { throw ShellError.usage("help: no command '\(name)'") }
            session.sink.write(
                subs.map { "\(name) \($0)" }.map { "  \($0.padding(to: 24))\(catalog.commands[$0]?.summary ?? "")" }
                    .joined(separator: "\n") + "\n")
            return .null
        }
        var lines = ["Commands (each takes --help; results are values you can capture: let x = clients):", ""]
        for name in catalog.names {
            lines.append("  " + name.padding(to: 24) + (catalog.commands[name]?.summary ?? ""))
        }
        lines += ["", "The language: let, if/elif/else, for, while, def, try/catch — see docs/language.md."]
        session.sink.write(lines.joined(separator: "\n") + "\n")
        return .null
    }

    /// Help for an operation of the deployment's table (the built-in one when none is selected), or the list of a
    /// group's operations.
    private func operationHelp(_ name: String, _ session: ShellSession) async -> String? {
        let words = name.split(separator: " ").map(String.init)
        guard let group = words.first, session.hasCommand(group) else { return nil }
        let table = (try? await session.operationTable()) ?? session.likelyOperationTable
        if let operation = table.operation(named: name) { return OperationCommand.help(operation, table) }
        let under = table.operations(under: words)
        guard !under.isEmpty else { return nil }
        return under.map { "  " + $0.usage.padding(to: 44) + $0.method.rawValue + " " + $0.path }.joined(
            separator: "\n")
    }
}
