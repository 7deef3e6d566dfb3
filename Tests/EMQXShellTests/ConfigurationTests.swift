import EMQXKit
@testable import EMQXShell
import Foundation
import Testing

@Suite struct TOMLTests {
    @Test func readsTheSubsetConfigurationsUse() throws {
        let document = try TOMLDocument.parse("""
            # comment
            default = "prod"   # trailing comment
            [deployments.prod]
            url = "https://h:8443/api/v5"
            port = 8_443
            ratio = 0.5
            on = true
            list = ["a", 'b#c', 3]
            "quoted key" = "x\\ty"
            """)
        #expect(document["default"] == .string("prod"))
        let prod = try #require(document["deployments"]?.table?["prod"]?.table)
        #expect(prod["port"] == .integer(8443))
        #expect(prod["ratio"] == .float(0.5))
        #expect(prod["on"] == .bool(true))
        #expect(prod["list"] == .array([.string("a"), .string("b#c"), .integer(3)]))
        #expect(prod["quoted key"] == .string("x\ty"))
    }

    @Test(arguments: [
        ("a = ", "line 1: a key needs a value"),
        ("a = b", "line 1: 'b' is not a TOML value (strings need quotes)"),
        ("a = 1\na = 2", "line 2: 'a' is defined twice"),
        ("[t\nx = 1", "line 1: the table header is not closed; write [name]"),
        ("a = \"open", "line 1: unterminated string"),
    ])
    func errorsNameTheLine(_ text: String, _ message: String) {
        #expect { _ = try TOMLDocument.parse(text) } throws: { "\($0)" == message }
    }
}

@Suite struct ConfigurationTests {
    func directory(_ config: String, secretFile: (String, Int)? = nil) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/config.toml", atomically: true, encoding: .utf8)
        if let (text, mode) = secretFile {
            FileManager.default.createFile(atPath: directory + "/secret", contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        }
        return directory
    }

    @Test func deploymentsResolveTheirSecretsWhenUsed() throws {
        let dir = try directory("""
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
            """.replacingOccurrences(of: "SECRET_FILE", with: FileManager.default.temporaryDirectory.path + "/none"), secretFile: nil)
        let configuration = try ShellConfiguration.load(directory: dir)
        #expect(configuration.defaultDeployment == "a")
        #expect(try configuration.deployments["a"]?.resolve(environment: ["A_SECRET": "sa"]).credentials?.secret == "sa")
        #expect(try configuration.deployments["b"]?.resolve(environment: [:]).credentials?.secret == "from-command")
        #expect { _ = try configuration.deployments["a"]?.resolve(environment: [:]) } throws: { "\($0)".contains("$A_SECRET, which is not set") }
    }

    @Test func aSecretFileReadableByOthersIsRefused() throws {
        for (mode, accepted) in [(0o600, true), (0o644, false), (0o640, false)] {
            let dir = try directory("", secretFile: ("s3cret\n", mode))
            let entry = ShellConfiguration.Entry(name: "x", url: "https://x/api/v5", appID: "k", secretEnv: nil, secretCommand: nil,
                                                 secretFile: dir + "/secret", api: .auto, auth: .auto, caFile: nil, pin: nil, timeouts: Timeouts())
            if accepted {
                #expect(try entry.resolve().credentials?.secret == "s3cret")
            } else {
                #expect { _ = try entry.resolve() } throws: { "\($0)".contains("readable by group or others; chmod 600") }
            }
        }
    }

    @Test(arguments: [
        ("[deployments.x]\napp_id = \"k\"", "has no url"),
        ("[deployments.x]\nurl = \"https://x/api\"\nsecret = \"oops\"", "unknown key 'secret'"),
        ("[deployments.x]\nurl = \"https://x/api\"\napi = \"v6\"", "api must be v4, v5 or auto"),
        ("default = \"y\"\n[deployments.x]\nurl = \"https://x/api\"", "names no deployment"),
    ])
    func badConfigurationsSayWhat(_ text: String, _ message: String) throws {
        let dir = try directory(text)
        #expect { _ = try ShellConfiguration.load(directory: dir) } throws: { "\($0)".contains(message) }
    }
}
