import EMQXJSON
import EMQXKit
import EMQXScript

/// `config sections|show|set`: an EMQX 5 deployment's configuration, section by section (`GET|PUT /configs/NAME`).
/// A change names its settings by dotted paths and is shown as the difference from the current value, before it
/// is applied or, with `--preview`, instead.
enum ConfigCommands {
    static let preview = CommandFlag<Bool>.presence("preview", "show the difference and change nothing")

    static let all: [any ShellCommand] = [
        Command(
            "config sections", "the configuration sections the deployment shows and changes",
            example: "config sections"
        ) { args, session in
            _ = try await requireV5(args, session)
            return .list(try await sections(session).map(Value.string))
        },
        Command(
            "config show", "one configuration section", example: "config show global_zone",
            signature: CommandSignature(["SECTION"])
        ) { args, session in
            let client = try await requireV5(args, session)
            return Value(json: try await current(client, args.word(0) ?? ""))
        },
        Command(
            "config set",
            "change settings of a section (dotted KEY=VALUE); answers the difference, --preview sends nothing",
            example: "config set global_zone mqtt.retain_available=false --preview",
            signature: CommandSignature(["SECTION", "KEY=VALUE…"], minimum: 2, flags: [preview])
        ) { args, session in
            let client = try await requireV5(args, session)
            let section = args.word(0) ?? ""
            let before = try await current(client, section)
            var after = before
            for assignment in args.positionals.dropFirst().map(\.displayText) {
                after = try ConfigChange.apply(assignment, to: after, in: section)
            }
            let changes = OperationChange.difference(from: before, to: after)
            let previewing = try args[preview] ?? false
            if !changes.isEmpty && !previewing {
                _ = try await client.send(APIRequest(.put, "/configs/{section}", [section], body: after))
            }
            // A secret setting's values are not shown, the old nor the new.
            return .list(
                changes.map { line in
                    let path = line.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
                    let name = path.split(separator: ".").last.map(String.init) ?? path
                    return .string(SecretText.isSecretName(name) ? "\(path): (a secret, changed)" : line)
                })
        },
    ]

    private static func requireV5(_ args: CommandArguments, _ session: ShellSession) async throws -> EMQXClient {
        let client = try session.requireClient(args)
        guard try await client.generation() == .v5 else {
            throw ShellError.usage("\(args.command): EMQX 4 has no configuration API; this deployment speaks v4")
        }
        return client
    }

    private static func current(_ client: EMQXClient, _ section: String) async throws -> JSONValue {
        let response: APIResponse
        do throws(EMQXError) {
            response = try await client.send(APIRequest(.get, "/configs/{section}", [section]))
        } catch {
            guard error.httpStatus == 404 else { throw error }
            throw ShellError.usage(
                "config: the deployment has no section '" + section + "'; 'config sections' lists them")
        }
        return response.body
    }

    /// Sections with both a `GET` and a `PUT` of `/configs/NAME` in the deployment's operations.
    static func sections(_ session: ShellSession) async throws -> [String] {
        let table = try await session.operationTable()
        let readable = Set(
            table.operations.filter { $0.method == .get }.compactMap { section(of: $0.path) })
        return table.operations.filter { $0.method == .put }.compactMap { section(of: $0.path) }
            .filter { readable.contains($0) }.sorted()
    }

    private static func section(of path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[0] == "configs", !parts[1].hasPrefix("{") else { return nil }
        return String(parts[1])
    }
}
