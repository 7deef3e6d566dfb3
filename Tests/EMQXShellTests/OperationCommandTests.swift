import EMQXJSON
import EMQXKit
import EMQXSandbox
import EMQXScript
import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXShell

/// Commands for the deployment's operations: from its own OpenAPI document (the sandbox describes itself), cached per
/// deployment and release, or from the built-in table; help, validation and the answers.
@Suite struct OperationCommandTests {
    /// A session on a sandbox set up by `configure`, caching documents in a directory of its own.
    func withOperations(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in },
        _ body: (ShellSession, CapturingSink, Sandbox, String) async throws -> Void
    ) async throws {
        var configuration = SandboxConfiguration(useTLS: false)
        configure(&configuration)
        let sandbox = try Sandbox(configuration: configuration)
        try await sandbox.start()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-ops-\(UUID().uuidString)")
            .path
        let sink = CapturingSink()
        let session = ShellSession(sink: sink, settings: OutputSettings(format: .json), isTerminal: false)
        session.operationTables = OperationTables(directory: cache)
        do {
            try await session.connect(
                try Deployment(
                    name: "lab", url: sandbox.baseURL(.v5),
                    credentials: Credentials(appID: "sandbox", secret: "sandbox-secret")))
            try await body(session, sink, sandbox, cache)
        } catch {
            await session.close()
            await sandbox.stop()
            try? FileManager.default.removeItem(atPath: cache)
            throw error
        }
        await session.close()
        await sandbox.stop()
        try? FileManager.default.removeItem(atPath: cache)
    }

    func json(_ sink: CapturingSink) throws -> JSONValue { try JSONParser.parse(sink.output) }

    @Test func theSandboxsOwnDescriptionIsFetchedAndListed() async throws {
        try await withOperations { session, sink, _, cache in
            try await session.run("operations --tag trace", sourceName: "test")
            let rows = try #require(try json(sink).arrayValue)
            #expect(
                Set(rows.compactMap { $0["command"]?.stringValue }) == [
                    "trace list", "trace create", "trace clear", "trace stop NAME", "trace delete NAME",
                    "trace log NAME",
                ])
            #expect(rows.allSatisfy { $0["summary"]?.stringValue?.hasSuffix("(sandbox)") == true })
            #expect(!FileManager.default.fileExists(atPath: cache), "the sandbox's description changes with emqxsh")
        }
    }

    @Test(.enabled(if: publishedDocument != nil, "EMQX's ee-en.json was not found; set EMQX_SPECS_DIR"))
    func aDeploymentsDocumentIsCachedPerReleaseAndReadFromDisk() async throws {
        let document = try #require(Self.publishedDocument, "EMQX's ee-en.json is beside the project")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-ops-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: cache) }
        try await withOperations({ $0.openAPIDocumentFile = document }) { session, _, _, _ in
            session.operationTables = OperationTables(directory: cache)
            let table = try await session.operationTable()
            #expect(table.operations.count == 371)
        }
        let file = cache + "/lab-\(SandboxConfiguration.release).json"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // The next session's deployment serves no document: the cached one is read from disk.
        try await withOperations({ $0.servesOpenAPIDocument = false }) { session, _, _, _ in
            session.operationTables = OperationTables(directory: cache)
            let table = try await session.operationTable()
            #expect(table.source == .deployment && table.operations.count == 371)
        }
    }

    @Test func aDeploymentWithoutADescriptionGetsTheBuiltInTable() async throws {
        try await withOperations({ $0.servesOpenAPIDocument = false }) { session, sink, _, cache in
            try await session.run("operations --like trace", sourceName: "test")
            let rows = try #require(try json(sink).arrayValue)
            #expect(rows.count == 8)
            #expect(rows.allSatisfy { $0["summary"] == "" })
            #expect(!FileManager.default.fileExists(atPath: cache))
            sink.clear()
            try await session.run("help trace create", sourceName: "test")
            #expect(sink.output.contains("emqxsh's built-in table (EMQX 5.8.1)"))
            #expect(sink.output.contains("--type"))
            #expect(sink.output.contains(#"one of: "clientid", "topic", "ip_address", "ruleid"; required"#))
        }
    }

    @Test func aRequestThatBreaksTheSchemaIsRefusedBeforeItIsSent() async throws {
        try await withOperations { session, sink, sandbox, _ in
            let status = await session.runEntry("trace create --name t1 --type nobody --clientid c1")
            #expect(status != .success)
            #expect(sink.errors.contains(#"body.type must be one of: "clientid", "topic", "ip_address", not "nobody""#))
            #expect(await sandbox.state.traceNames.isEmpty)
            _ = await session.runEntry("trace create --name t1 --type clientid")
            #expect(sink.errors.contains("a clientid trace needs clientid"), "the sandbox's own refusal, by its code")
            _ = await session.runEntry("trace frobnicate t1")
            #expect(sink.errors.contains("'trace frobnicate t1' is no operation of lab; 'trace' has: clear, create,"))
            #expect(sink.errors.contains(" follow, "), "the catalog's own trace subcommand is named too")
        }
    }

    @Test func catalogCommandsWinAndOperationsFillTheGaps() async throws {
        try await withOperations { session, sink, _, _ in
            try await session.run(
                """
                banned create --as clientid --who bad1 --reason test
                let b = banned
                print len($b) $b[0].who
                """, sourceName: "test")
            #expect(sink.output.hasSuffix("1 bad1\n"))
            sink.clear()
            try await session.run(#"print $(nodes show "emqx@127.0.0.1").node_status"#, sourceName: "test")
            #expect(sink.output == "running\n")
        }
    }

    @Test func aTraceFollowsALiveClientAndStops() async throws {
        try await withOperations { session, sink, sandbox, _ in
            try await session.run("trace create --name t7 --type clientid --clientid sensor-7", sourceName: "test")
            // A real device: mosquitto_pub sends three readings as sensor-7 (QoS 0, so no PacketId).
            for reading in 0..<3 {
                let published = try await PeerProcess.run(
                    "mosquitto_pub",
                    [
                        "-h", "127.0.0.1", "-p", String(sandbox.mqttPort), "-i", "sensor-7", "-t", "sensors/7", "-m",
                        "21.\(reading)",
                    ],
                    within: 10)
                #expect(published.status == 0, "\(published.stderr)")
            }
            sink.clear()
            // mosquitto_pub may exit before the sandbox has handled its last packets: follow long enough to read twice.
            try await session.run(
                "let f = trace follow t7 --for 1s --every 100ms; trace stop t7; print ($f.bytes > 0)",
                sourceName: "test")
            let log = sink.output
            #expect(log.contains("sensor-7@127.0.0.1 msg: client_connected"))
            for reading in 0..<3 {
                #expect(log.contains("Topic=sensors/7, PacketId=undefined, Payload=21.\(reading))"))
            }
            #expect(log.contains(#""status": "stopped""#))
            #expect(log.contains("sensor-7@127.0.0.1 msg: client_disconnected"))
            #expect(log.hasSuffix("true\n"))
        }
    }

    /// EMQX Enterprise 5.8.1's published document, when it is beside the project.
    static let publishedDocument = PublishedDocuments.path(of: "ee-en.json")

    /// A deployment that serves EMQX 5.8.1's whole document: every one of its 371 operations is a command with help,
    /// and a request for each is either built or refused naming what is missing, never sent broken.
    @Test(.enabled(if: publishedDocument != nil, "EMQX's ee-en.json was not found; set EMQX_SPECS_DIR"))
    func everyOperationOfAnEMQX581DocumentIsACommand() async throws {
        let document = try #require(Self.publishedDocument, "EMQX's ee-en.json is beside the project")
        try await withOperations({ $0.openAPIDocumentFile = document }) { session, sink, _, _ in
            try await session.run("operations", sourceName: "test")
            let rows = try #require(try json(sink).arrayValue)
            #expect(rows.count == 371)
            let table = try await session.operationTable()
            #expect(table.source == .deployment)
            var helped = 0
            var shadowed = 0
            for operation in table.operations {
                sink.clear()
                try await session.run("help \(operation.commandName)", sourceName: "test")
                if sink.output.contains("\(operation.method.rawValue) \(operation.path)") {
                    helped += 1
                } else if session.catalog.commands[operation.commandName] != nil {
                    // The catalog's command of the same name wins, and its help is shown (`clients show`).
                    shadowed += 1
                }
                // The bare command: built, or refused for the arguments or fields it lacks, by name.
                do throws(EMQXError) {
                    _ = try operation.request(OperationInput(positional: operation.pathParameters.map { _ in "x" }))
                } catch {
                    #expect(error.message.contains("is required") || error.message.contains("must be"), "\(error)")
                }
            }
            #expect(helped + shadowed == 371)
            #expect(shadowed == 7)
            sink.clear()
            _ = await session.runEntry("gateways list")
            #expect(sink.errors.contains("GET /gateways: 404"), "sent, and the sandbox lacks it")
            _ = await session.runEntry("trace create --name t1 --type clientid")
            #expect(sink.errors.contains("body.clientid") == false)
        }
    }

    @Test func aChangeStartsFromTheCurrentValueAndCanBePreviewed() async throws {
        try await withOperations { session, sink, _, _ in
            try await session.run(
                #"let r = rules create 'SELECT * FROM "t/#"' --description lake"#, sourceName: "test")
            sink.clear()
            try await session.run("rules update $r.id --enable false --preview", sourceName: "test")
            #expect(try json(sink) == ["enable: true → false"])
            sink.clear()
            try await session.run("rules update $r.id --description lake --preview", sourceName: "test")
            #expect(try json(sink) == ["no change"])
            sink.clear()
            try await session.run(
                "rules update $r.id --enable false; print $(rules show $r.id).enable", sourceName: "test")
            #expect(sink.output.hasSuffix("false\n"))
            let kept = try #require(try JSONParser.parse(String(sink.output.dropLast("false\n".count))).objectValue)
            #expect(kept["description"] == "lake", "fields not given are kept")
            #expect(kept["sql"] == #"SELECT * FROM "t/#""#)
        }
    }
}
