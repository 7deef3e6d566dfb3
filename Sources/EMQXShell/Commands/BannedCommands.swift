import EMQXKit
import EMQXScript
import Foundation

/// `banned`: bans by client id, user name or address.
enum BannedCommands {
    static func kind(_ args: CommandArguments, _ command: String) throws -> BanKind {
        let text = args.string("as") ?? "clientid"
        guard let kind = BanKind(rawValue: text) else {
            throw ShellError.usage(
                "\(command): --as takes clientid, username, peerhost (v5 also clientid_re, username_re, peerhost_net)")
        }
        return kind
    }

    static let all: [any ShellCommand] = [
        Command(
            "banned", "list bans", example: "banned",
            signature: CommandSignature(flags: [.init("limit", short: "-n", "stop after this many")]),
            resource: .banned
        ) { args, session in
            .stream(
                "bans", try session.requireClient("banned").banned(), limit: try args.int("limit", command: "banned")
            ) { Value(json: $0.raw) }
        },
        Command(
            "banned add", "ban a client id, user name or address",
            example: "banned add bad-client --as clientid --reason spam --for 3600",
            signature: CommandSignature(
                ["WHO"],
                flags: [
                    .init("as", "clientid, username or peerhost (default clientid)"), .init("reason", "why"),
                    .init("for", "how long, in seconds (default: the server's)"),
                ])
        ) { args, session in
            let until = try args.int("for", command: "banned add", in: 1...3_153_600_000).map {
                Int64(Date().timeIntervalSince1970) + Int64($0)
            }
            let ban = try await session.requireClient("banned add").ban(
                Ban(
                    kind: try kind(args, "banned add"), who: args.word(0) ?? "", reason: args.string("reason"),
                    by: "emqxsh", until: until))
            return ban.raw == .null ? .null : Value(json: ban.raw)
        },
        Command(
            "banned delete", "lift a ban", example: "banned delete bad-client --as clientid",
            signature: CommandSignature(
                ["WHO"], flags: [.init("as", "clientid, username or peerhost (default clientid)")])
        ) { args, session in
            try await session.requireClient("banned delete").unban(try kind(args, "banned delete"), args.word(0) ?? "")
            return .null
        },
    ]
}
