import EMQXFiles
import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXShell

/// Secrets stay out of history, recordings, output and the process list, whatever form the user typed them in.
@Suite struct SecretHandlingTests {
    @Test(arguments: [
        ("users add bob --password hunter2", "users add bob --password ********"),
        ("users add bob --password='two words'", "users add bob --password=********"),
        ("users add bob --pasword hunter2", "users add bob --pasword ********"),
        ("users add bob --passwrod hunter2", "users add bob --passwrod ********"),
        ("connect https://h/api/v5 --app-id k --secret s3", "connect https://h/api/v5 --app-id k --secret ********"),
        ("connect https://h/api/v5 --app-secret s3", "connect https://h/api/v5 --app-secret ********"),
        (
            #"post /authentication/x/users {user_id: "u", password: "p w"}"#,
            #"post /authentication/x/users {user_id: "u", password: ********}"#
        ),
        (#"post /x '{"user_id":"u","password":"pw"}'"#, #"post /x '{"user_id":"u","password":********}'"#),
        (#"put /x {"app_secret": "zz", "name": "n"}"#, #"put /x {"app_secret": ********, "name": "n"}"#),
        ("users add bob --superuser", "users add bob --superuser"),
        ("clients --state connected", "clients --state connected"),
        (#"publish t/1 {passenger: 3, compass: "n"}"#, #"publish t/1 {passenger: 3, compass: "n"}"#),
        (#"put /x {apiToken: "t0k", pwd: "p"}"#, #"put /x {apiToken: ********, pwd: ********}"#),
        ("users add bob --secert s3", "users add bob --secert ********"),
        // An authenticator id is a word, not a `password_based: …` key.
        (
            "authentication show password_based:built_in_database",
            "authentication show password_based:built_in_database"
        ),
        ("password: hunter2", "password: ********"),
        ("config set dashboard default_password=hunter2", "config set dashboard default_password=********"),
        ("config set global_zone mqtt.max_inflight=64", "config set global_zone mqtt.max_inflight=64"),
    ])
    func secretValuesAreMasked(_ line: String, _ masked: String) {
        #expect(SecretText.masked(line) == masked)
        #expect(SecretText.mentionsSecret(line) == (line != masked))
    }

    @Test func aPrivateFileIsCreatedWithItsModeAndNeverThroughALink() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-private-\(UUID().uuidString)"
        ).path
        try PrivateFile.makeDirectory(directory + "/nested")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/nested/history"
        let umaskBefore = umask(0)
        defer { umask(umaskBefore) }
        try PrivateFile.write(Array("one\n".utf8), to: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let target = directory + "/elsewhere"
        try "keep me\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = directory + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect { try PrivateFile.write(Array("x".utf8), to: link) } throws: { "\($0)".contains("is a symbolic link") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        if geteuid() == 0 {
            chown(target, 65534, 65534)
            #expect { try PrivateFile.write(Array("x".utf8), to: target) } throws: {
                "\($0)".contains("belongs to another user")
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        }
        // A file left readable by others is tightened when it is opened.
        chmod(path, 0o644)
        close(try PrivateFile.open(path, .append))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test(.enabled(if: EndToEnd.binaryExists, "build emqxsh first"))
    func aSessionWithEverySecretFormLeavesNoTrace() async throws {
        let recording = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-secrets-\(UUID().uuidString).emqxrec"
        ).path
        defer { try? FileManager.default.removeItem(atPath: recording) }
        let secrets = [
            "S3cret-Flag-1", "S3cret-Typo-2", "S3cret-Body-3", "S3cret-Json-4", "S3cret-Env-5", "S3cret-Eq-6",
        ]
        let users = "/authentication/password_based%3Abuilt_in_database/users"
        let input = """
            users add alice --password \(secrets[0])
            users add bob --pasword \(secrets[1])
            post \(users) {user_id: "carol", password: "\(secrets[2])"}
            post \(users) '{"user_id": "dave", "password": "\(secrets[3])"}'
            users add erin --password=\(secrets[5])
            connect https://127.0.0.1:9/api/v5 --app-id later --secret-env LATER_SECRET
            context
            sleep(1)
            """
        let process = try PeerProcess(
            EndToEnd.binary, ["--sandbox", "--record", recording],
            environment: EndToEnd.isolatedEnvironment.merging(["LATER_SECRET": secrets[4]]) { _, new in new },
            input: input)
        // While it runs, the process list shows none of them.
        let table = try PeerProcess("/bin/ps", ["-eo", "args"])
        let listed = await table.finish(within: 30).stdout
        let result = await process.finish(within: 60)
        let written = try String(contentsOfFile: recording, encoding: .utf8)
        for secret in secrets {
            #expect(!written.contains(secret), "recording holds \(secret):\n\(written)")
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "output holds \(secret)")
            #expect(!listed.contains(secret), "ps shows \(secret)")
        }
        #expect(written.contains("--password ********"))
        #expect(written.contains("--pasword ********"))
        #expect(written.contains(#"password: ********"#))
    }
}
