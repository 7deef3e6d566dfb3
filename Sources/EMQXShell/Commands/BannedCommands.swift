import EMQXKit
import EMQXScript
import Foundation

/// `banned`: bans by client id, user name or address.
enum BannedCommands {
    static let kind = CommandFlag<BanKind>.choice(
        "as", "clientid, username or peerhost (v5 also clientid_re, username_re, peerhost_net; default clientid)")
    static let reason = CommandFlag<String>.text("reason", "why")
    static let duration = CommandFlag<Int>.integer(
        "for", in: 1...3_153_600_000, "how long, in seconds (default: the server's)")

    static let all: [any ShellCommand] = [
        Command(
            "banned", "list bans", example: "banned",
            signature: CommandSignature(flags: [CommonFlags.limit]),
            resource: .banned
        ) { args, session in
            .stream(
                "bans", try session.requireClient(args).banned(), limit: try args[CommonFlags.limit]
            ) { Value(json: $0.raw) }
        },
        Command(
            "banned add", "ban a client id, user name or address",
            example: "banned add bad-client --as clientid --reason spam --for 3600",
            signature: CommandSignature(
                ["WHO"],
                flags: [kind, reason, duration])
        ) { args, session in
            let until = try args[duration].map {
                Int64(Date().timeIntervalSince1970) + Int64($0)
            }
            let ban = try await session.requireClient(args).ban(
                Ban(
                    kind: try args[kind] ?? .clientid, who: args.word(0) ?? "", reason: try args[reason],
                    by: "emqxsh", until: until))
            return ban.raw == .null ? .null : Value(json: ban.raw)
        },
        Command(
            "banned delete", "lift a ban", example: "banned delete bad-client --as clientid",
            signature: CommandSignature(
                ["WHO"], flags: [kind])
        ) { args, session in
            try await session.requireClient(args).unban(try args[kind] ?? .clientid, args.word(0) ?? "")
            return .null
        },
    ]
}
