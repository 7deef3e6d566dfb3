import EMQXJSON
import EMQXKit
import EMQXScript

/// `users`: the built-in authentication database.
enum UserCommands {
    static let type = CommandFlag<UserIDType>.choice(
        "by", "username or clientid (v4 keeps two tables; default username)")
    static let like = CommandFlag<String>.text("like", "user id contains this")
    static let limit = CommandFlag<Int>.integer("limit", short: "-n", "stop after this many")
    static let password = CommandFlag<String>.text(
        "password", secret: true, "the password (this line is kept out of the history)")
    static let superuser = CommandFlag<Bool>.presence("superuser", "v5: the user is a superuser")

    /// The password a command cannot do without.
    static func requiredPassword(_ args: CommandArguments) throws -> String {
        guard let given = try args[password] else { throw ShellError.usage("\(args.command): --password is required") }
        return given
    }

    static func userValue(_ user: AuthUser) -> Value {
        var fields: OrderedMap<Value> = ["user_id": .string(user.userID)]
        if let superuser = user.isSuperuser { fields["is_superuser"] = .bool(superuser) }
        return .map(fields)
    }

    static let all: [any ShellCommand] = [
        Command(
            "users", "list authentication users", example: "users --like sensor",
            signature: CommandSignature(flags: [
                like, type, limit,
            ]),
            resource: .users
        ) { args, session in
            let client = try session.requireClient(args)
            // The same shape from both generations: 4.4 lists names only, so is_superuser is there when known.
            return .stream(
                "users", client.users(try args[type] ?? .username, contains: try args[like]),
                limit: try args[limit]
            ) {
                userValue($0)
            }
        },
        Command(
            "users show", "one user", example: "users show alice",
            signature: CommandSignature(["USER_ID"], flags: [type])
        ) { args, session in
            let user = try await session.requireClient(args).user(args.word(0) ?? "", type: try args[type] ?? .username)
            return userValue(user)
        },
        Command(
            "users add", "add a user with a password", example: "users add alice --password 's3cret' --superuser",
            signature: CommandSignature(
                ["USER_ID"],
                flags: [password, superuser, type])
        ) { args, session in
            try await session.requireClient(args).addUser(
                args.word(0) ?? "", password: try requiredPassword(args), type: try args[type] ?? .username,
                isSuperuser: try args[superuser] ?? false)
            return .null
        },
        Command(
            "users passwd", "change a user's password", example: "users passwd alice --password 'n3w'",
            signature: CommandSignature(["USER_ID"], flags: [password, type])
        ) { args, session in
            try await session.requireClient(args).changePassword(
                of: args.word(0) ?? "", to: try requiredPassword(args), type: try args[type] ?? .username)
            return .null
        },
        Command(
            "users delete", "remove a user", example: "users delete alice",
            signature: CommandSignature(["USER_ID"], flags: [type])
        ) { args, session in
            try await session.requireClient(args).deleteUser(args.word(0) ?? "", type: try args[type] ?? .username)
            return .null
        },
    ]
}
