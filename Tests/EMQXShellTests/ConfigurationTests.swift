import EMQXKit
import Foundation
import Testing

@testable import EMQXShell

@Suite struct TOMLTests {
    @Test func readsTOML10() throws {
        let document = try TOMLDocument.parse(
            "# comment\r\n"
                + "default = \"prod\"   # trailing comment\r\n"
                + "[deployments.prod]\n"
                + "url = \"https://h:8443/api/v5\"\n"
                + "port = 8_443\n"
                + "ratio = 0.5\n"
                + "on = true\n"
                + "list = [\n  \"a\",\n  'b#c',\n  3,\n]\n"
                + "\"quoted key\" = \"x\\ty\"\n"
                + "motd = \"\"\"\nline one\nline two\"\"\"\n"
                + "inline = { a = 1, b.c = \"d\" }\n"
                + "when = 1979-05-27T07:32:00Z\n")
        #expect(document["default"] == .string("prod"))
        let prod = try #require(document["deployments", "prod"]?.table)
        #expect(prod["port"] == .integer(8443))
        #expect(prod["ratio"] == .float(0.5))
        #expect(prod["on"] == .bool(true))
        #expect(prod["list"] == .array([.string("a"), .string("b#c"), .integer(3)]))
        #expect(prod["quoted key"] == .string("x\ty"))
        #expect(prod["motd"] == .string("line one\nline two"))
        #expect(document["deployments", "prod", "inline", "b", "c"] == .string("d"))
        #expect(prod["when"] == .dateTime("1979-05-27T07:32:00Z"))
        #expect(document.line(["deployments", "prod", "ratio"]) == 6)
    }

    @Test(arguments: [
        ("a = ", "line 1, column 5"),
        ("a = b", "line 1, column 5"),
        ("a = 1\na = 2", "line 2"),
        ("[t\nx = 1", "line 1"),
        ("a = \"open", "line 1"),
        ("a = 99999999999999999999", "line 1"),
    ])
    func errorsNameTheLine(_ text: String, _ place: String) {
        #expect { _ = try TOMLDocument.parse(text) } throws: { "\($0)".hasPrefix(place) }
    }
}

@Suite struct ConfigurationTests {
    func directory(_ config: String, secretFile: (String, Int)? = nil) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "emqxsh-config-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)
        if let (text, mode) = secretFile {
            FileManager.default.createFile(
                atPath: directory + "/secret", contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        }
        return directory
    }

    @Test func deploymentsResolveTheirSecretsWhenUsed() throws {
        let dir = try directory(
            """
            default = "a"
            [deployments.a]
            url = "https://a.example:8443/api/v5"
            app_id = "ka"
            secret_env = "A_SECRET"
            api = "v5"
            [deployments.b]
            url = "https://b.example:8443/api"
            app_id = "kb"
            secret_command = "printf 'from-command\\n'"
            [deployments.c]
            url = "https://c.example/api/v4"
            app_id = "kc"
            secret_file = "SECRET_FILE"
            auth = "digest"
            """.replacingOccurrences(of: "SECRET_FILE", with: FileManager.default.temporaryDirectory.path + "/none"),
            secretFile: nil)
        let configuration = try ShellConfiguration.load(directory: dir)
        #expect(configuration.defaultDeployment == "a")
        #expect(
            try configuration.deployments["a"]?.resolve(environment: ["A_SECRET": "sa"]).credentials?.secret == "sa")
        #expect(try configuration.deployments["b"]?.resolve(environment: [:]).credentials?.secret == "from-command")
        #expect { _ = try configuration.deployments["a"]?.resolve(environment: [:]) } throws: {
            "\($0)".contains("$A_SECRET, which is not set")
        }
    }

    @Test func aSecretFileReadableByOthersIsRefused() throws {
        for (mode, accepted) in [(0o600, true), (0o644, false), (0o640, false)] {
            let dir = try directory("", secretFile: ("s3cret\n", mode))
            let entry = ShellConfiguration.Entry(
                name: "x", url: "https://x/api/v5", appID: "k", secretEnv: nil, secretCommand: nil,
                secretFile: dir + "/secret", api: .auto, auth: .auto, caFile: nil, pin: nil, timeouts: Timeouts())
            if accepted {
                #expect(try entry.resolve().credentials?.secret == "s3cret")
            } else {
                #expect { _ = try entry.resolve() } throws: {
                    "\($0)".contains("readable by group or others; chmod 600")
                }
            }
        }
    }

    @Test(arguments: [
        ("[deployments.x]\napp_id = \"k\"", "has no url"),
        ("[deployments.x]\nurl = \"https://x/api\"\nsecret = \"oops\"", "unknown key 'secret'"),
        ("[deployments.x]\nurl = \"https://x/api\"\napi = \"v6\"", "api must be v4, v5 or auto"),
        (
            "default = \"y\"\n[deployments.x]\nurl = \"https://x/api\"",
            "config.toml:1: default = \"y\" names no deployment"
        ),
        (
            "[deployments.x]\nurl = \"https://x/api\"\nrequest_timeout = \"30\"",
            "config.toml:3: deployments.x.request_timeout must be a number of seconds, not a string"
        ),
        (
            "[deployments.x]\r\nurl = \"https://x/api\"\r\ninsecure_http = \"yes\"",
            "config.toml:3: deployments.x.insecure_http must be true or false, not a string"
        ),
        (
            "[deployments.x]\nurl = \"https://x/api\"\nmax_response_mib = 0",
            "deployments.x.max_response_mib is 0; it must be from 1"
        ),
        (
            "[deployments.x]\nurl = \"https://x/api\"\nconnect_timeout = inf",
            "connect_timeout must be more than 0 and at most 86400"
        ),
        ("[deployments.x]\nurl = 8443", "config.toml:2: deployments.x.url must be a string, not an integer"),
        ("default = [1]", "config.toml:1: default must be a string, not an array"),
        ("deployments = 3", "deployments must be a table"),
        (
            "[deployments.x]\nurl = \"\"\"\nhttps://x/api\"\"\"\nbogus = { a = 1 }",
            "config.toml:4: deployments.x has an unknown key 'bogus'"
        ),
        ("a = 1\na = 2", "config.toml: line 2"),
    ])
    func badConfigurationsSayWhat(_ text: String, _ message: String) throws {
        let dir = try directory(text)
        #expect { _ = try ShellConfiguration.load(directory: dir) } throws: { "\($0)".contains(message) }
    }

    @Test func aSecretCommandThatHangsIsStoppedWithAClearError() throws {
        let start = ContinuousClock.now
        #expect { _ = try SecretSource.run("sleep 30", deployment: "slow", timeout: .seconds(1)) } throws: {
            "\($0)".contains("deployment slow: secret_command did not finish within 1 s; it was stopped")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try SecretSource.run("printf 's3cret\\n'", deployment: "ok") == "s3cret")
        #expect { _ = try SecretSource.run("exit 3", deployment: "bad") } throws: {
            "\($0)".contains("failed with status 3")
        }
    }
}
