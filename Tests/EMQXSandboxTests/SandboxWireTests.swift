import EMQXJSON
import Foundation
import Testing

@testable import EMQXSandbox

/// The sandbox's answers on the wire, as raw HTTP, for the forms EMQX's docs pin down exactly.
@Suite struct SandboxWireTests {
    /// One request to a running sandbox through curl, as an operator would send it.
    ///
    /// Waits without blocking a thread: the sandbox answering it runs on the same small pool.
    func curl(_ arguments: [String]) async throws -> (status: Int, headers: String, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-s", "-i", "--max-time", "10"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { _ in
                continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile())
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = String(decoding: data, as: UTF8.self)
        // With --digest, curl prints the 401 challenge and then the real answer: keep the last response.
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headIndex = parts.lastIndex { $0.hasPrefix("HTTP/") } ?? 0
        let head = parts[headIndex]
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, head, parts.dropFirst(headIndex + 1).joined(separator: "\r\n\r\n"))
    }

    func withServer(auth: SandboxConfiguration.AuthScheme = .basic, _ body: (Sandbox) async throws -> Void) async throws
    {
        let sandbox = try Sandbox(configuration: SandboxConfiguration(auth: auth, useTLS: false))
        try await sandbox.start()
        do { try await body(sandbox) } catch {
            await sandbox.stop()
            throw error
        }
        await sandbox.stop()
    }

    @Test func v4RefusesBadCredentialsWithPlainTextAndABasicChallenge() async throws {
        try await withServer { sandbox in
            let answer = try await curl(["-u", "sandbox:nope", sandbox.baseURL(.v4) + "/clients"])
            #expect(answer.status == 401)
            #expect(answer.body == "UNAUTHORIZED")
            #expect(answer.headers.contains(#"WWW-Authenticate: Basic Realm="minirest-server""#))
        }
    }

    @Test func v5RefusesBadCredentialsWithItsErrorCode() async throws {
        try await withServer { sandbox in
            let answer = try await curl([sandbox.baseURL(.v5) + "/clients"])
            #expect(answer.status == 401)
            #expect(
                try JSONParser.parse(answer.body) == [
                    "code": "BAD_API_KEY_OR_SECRET", "message": "Check api_key/api_secret",
                ])
        }
    }

    @Test func aSandboxServesOnlyTheGenerationsItIsGiven() async throws {
        let sandbox = try Sandbox(configuration: SandboxConfiguration(useTLS: false, generations: [.v5]))
        try await sandbox.start()
        let v5 = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/nodes"])
        let v4 = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.v4) + "/nodes"])
        let cloud = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.cloudV4) + "/nodes"])
        await sandbox.stop()
        #expect(v5.status == 200 && v4.status == 404 && cloud.status == 404)
    }

    @Test func v5StatusNeedsNoCredentials() async throws {
        try await withServer { sandbox in
            let answer = try await curl([sandbox.baseURL(.v5) + "/status"])
            #expect(answer.status == 200)
            #expect(answer.body.contains("is running"))
        }
    }

    @Test func digestWorksWithCurl() async throws {
        try await withServer(auth: .digest) { sandbox in
            let answer = try await curl(["--digest", "-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/nodes"])
            #expect(answer.status == 200)
            let refused = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/nodes"])
            #expect(refused.status == 401)
            #expect(refused.headers.contains("WWW-Authenticate: Digest"))
        }
    }

    @Test func v4AnswersErrorsWithHTTP200AndAResultCode() async throws {
        try await withServer { sandbox in
            let kick = try await curl([
                "-u", "sandbox:sandbox-secret", "-X", "DELETE", sandbox.baseURL(.v4) + "/clients/nobody",
            ])
            #expect(kick.status == 200)
            #expect(try JSONParser.parse(kick.body) == ["code": 112, "message": "not_found"])
            let badJSON = try await curl([
                "-u", "sandbox:sandbox-secret", "-d", "{oops", sandbox.baseURL(.cloudV4) + "/mqtt/publish",
            ])
            #expect(try JSONParser.parse(badJSON.body)["code"] == 109)
        }
    }

    @Test func pagingMetaFollowsEachGeneration() async throws {
        try await withServer { sandbox in
            await sandbox.state.seedClients(count: 5)
            let v4 = try await curl([
                "-u", "sandbox:sandbox-secret",
                sandbox.baseURL(.v4) + "/clients?_page=2&_limit=2&_like_clientid=client",
            ])
            #expect(try JSONParser.parse(v4.body)["meta"] == ["page": 2, "limit": 2, "count": -1, "hasnext": true])
            let v5 = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/clients?page=3&limit=2"])
            let parsed = try JSONParser.parse(v5.body)
            #expect(parsed["meta"] == ["page": 3, "limit": 2, "count": 5, "hasnext": false])
            #expect(parsed["data"]?.arrayValue?.count == 1)
            let fuzzy = try await curl([
                "-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/clients?like_clientid=client",
            ])
            #expect(try JSONParser.parse(fuzzy.body)["meta"]?["count"] == nil)
            let bad = try await curl(["-u", "sandbox:sandbox-secret", sandbox.baseURL(.v5) + "/clients?page=zero"])
            #expect(bad.status == 400)
            #expect(try JSONParser.parse(bad.body)["code"] == "INVALID_PARAMETER")
        }
    }
}

@Suite struct TopicMatcherTests {
    @Test(arguments: [
        ("a/+/c", "a/b/c", true), ("a/#", "a", true), ("a/#", "a/b/c", true), ("#", "$SYS/x", false),
        ("+/x", "$SYS/x", false), ("a/+", "a/b/c", false), ("$share/g/t/#", "t/1", true), ("a//b", "a//b", true),
        ("a/b", "a/b/", false),
    ])
    func matchesFilters(_ filter: String, _ topic: String, _ expected: Bool) {
        #expect(TopicMatcher.matches(filter: filter, topic: topic) == expected)
    }

    @Test(arguments: [("a/#", true), ("a/#/b", false), ("a+/b", false), ("+", true), ("", false)])
    func validatesFilters(_ filter: String, _ valid: Bool) {
        #expect(TopicMatcher.isValidFilter(filter) == valid)
    }
}
