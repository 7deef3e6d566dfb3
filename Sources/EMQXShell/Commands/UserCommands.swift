import EMQXKit
import EMQXScript
import OrderedCollections

/// `users`: the built-in authentication database.
enum UserCommands {
    static let typeFlag = CommandSignature.Flag("by", "username or clientid (v4 keeps two tables; default username)")

    static func type(_ args: CommandArguments) throws -> UserIDType {
        guard let text = args.string("by") else { return .username }
        guard let type = UserIDType(rawValue: text) else {
            throw ShellError.usage("users: --by takes username or clientid, not '\(text)'")
        }
        return type
    }

    static func userValue(_ user: AuthUser) -> Value {
        var fields: OrderedDictionary<String, Value> = ["user_id": .string(user.userID)]
        if let superuser = user.isSuperuser { fields["is_superuser"] = .bool(superuser) }
        return .map(fields)
    }

    static let all: [any ShellCommand] = [
        Command(
            "users", "list authentication users", example: "users --like sensor",
            signature: CommandSignature(flags: [
                .init("like", "user id contains this"), typeFlag,
                .init("limit", short: "-n", "stop after this many"),
            ]),
            resource: .users
        ) { args, session in
            let client = try session.requireClient("users")
            // The same shape from both generations: 4.4 lists names only, so is_superuser is there when known.
            return .stream(
                "users", client.users(try type(args), contains: args.string("like")),
                limit: try args.int("limit", command: "users")
            ) {
                userValue($0)
            }
        },
        Command(
            "users show", "one user", example: "users show alice",
            signature: CommandSignature(["USER_ID"], flags: [typeFlag])
        ) { args, session in
            let user = try await session.requireClient("users show").user(args.word(0) ?? "", type: try type(args))
            return userValue(user)
        },
        Command(
            "users add", "add a user with a password", example: "users add alice --password 's3cret' --superuser",
            signature: CommandSignature(
                ["USER_ID"],
                flags: [
                    .init("password", "the password (this line is kept out of the history)"),
                    .init("superuser", value: false, "v5: the user is a superuser"), typeFlag,
                ])
        ) { args, session in
            guard let password = args.string("password") else {
                throw ShellError.usage("users add: --password is required")
            }
            try await session.requireClient("users add").addUser(
                args.word(0) ?? "", password: password, type: try type(args),
                isSuperuser: args.bool("superuser") ?? false)
            return .null
        },
        Command(
            "users passwd", "change a user's password", example: "users passwd alice --password 'n3w'",
            signature: CommandSignature(["USER_ID"], flags: [.init("password", "the new password"), typeFlag])
        ) { args, session in
            guard let password = args.string("password") else {
                throw ShellError.usage("users passwd: --password is required")
            }
            try await session.requireClient("users passwd").changePassword(
                of: args.word(0) ?? "", to: password, type: try type(args))
            return .null
        },
        Command(
            "users delete", "remove a user", example: "users delete alice",
            signature: CommandSignature(["USER_ID"], flags: [typeFlag])
        ) { args, session in
            try await session.requireClient("users delete").deleteUser(args.word(0) ?? "", type: try type(args))
            return .null
        },
    ]
}
