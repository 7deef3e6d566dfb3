import EMQXJSON
import Testing

@testable import EMQXKit

/// The operation table read from EMQX 5.8.1's own document, and the built-in table generated from it.
@Suite struct OperationTableTests {
    static let published: OperationTable? = OpenAPIDocument.load().map {
        OperationTable(document: $0.root, source: .deployment)
    }

    @Test(.enabled(if: published != nil, "EMQX's ee-en.json was not found; set EMQX_SPECS_DIR"))
    func everyPublishedOperationGetsACommandOfItsOwn() throws {
        let table = try #require(Self.published, "EMQX's ee-en.json is beside the project")
        #expect(table.operations.count == 371)
        #expect(Set(table.operations.map(\.commandName)).count == 371)
        #expect(table.version == "5.8.1")
        #expect(table.operations.filter { !$0.summary.isEmpty }.count > 300)
    }

    @Test(.enabled(if: published != nil, "EMQX's ee-en.json was not found; set EMQX_SPECS_DIR"))
    func theBuiltInTableHoldsTheSameOperationsWithoutTheirText() throws {
        let table = try #require(Self.published)
        let builtIn = BuiltinOperations.v5
        #expect(builtIn.source == .builtIn)
        #expect(builtIn.version == "5.8.1")
        // The generator writes paths sorted; names must not depend on the order.
        let order = { (a: Operation, b: Operation) in (a.path, a.method.rawValue) < (b.path, b.method.rawValue) }
        let (ours, theirs) = (builtIn.operations.sorted(by: order), table.operations.sorted(by: order))
        #expect(ours.map(\.commandName) == theirs.map(\.commandName))
        #expect(ours.map(\.path) == theirs.map(\.path))
        #expect(ours.map(\.parameters) == theirs.map(\.parameters))
        #expect(ours.map(\.body) == theirs.map(\.body))
        #expect(builtIn.operations.allSatisfy { $0.summary.isEmpty })
    }

    @Test(arguments: [
        ("GET", "/trace", "trace list"),
        ("POST", "/trace", "trace create"),
        ("DELETE", "/trace", "trace clear"),
        ("PUT", "/trace/{name}/stop", "trace stop NAME"),
        ("DELETE", "/trace/{name}", "trace delete NAME"),
        ("GET", "/trace/{name}/log", "trace log NAME"),
        ("GET", "/rules/{id}", "rules show ID"),
        ("PUT", "/rules/{id}/metrics/reset", "rules metrics reset ID"),
        ("POST", "/listeners/{id}/restart", "listeners restart ID"),
        ("PUT", "/actions/{id}/enable/{enable}", "actions enable ID ENABLE"),
        ("POST", "/actions/{id}/{operation}", "actions run ID OPERATION"),
        ("GET", "/configs/broker", "configs broker"),
        ("PUT", "/configs/broker", "configs broker update"),
        ("DELETE", "/cluster/{node}/force_leave", "cluster force_leave NODE"),
        ("POST", "/relup/upgrade", "relup upgrade"),
        ("POST", "/relup/upgrade/{node}", "relup upgrade node NODE"),
        ("GET", "/mqtt/retainer/messages", "mqtt retainer messages"),
        ("DELETE", "/mqtt/retainer/message/{topic}", "mqtt retainer message delete TOPIC"),
        ("POST", "/authorization/sources/{type}/move", "authorization sources move TYPE"),
        ("GET", "/status", "status list"),
        ("PUT", "/authentication/{id}/users/{user_id}", "authentication users update ID USER_ID"),
    ])
    func commandsAreNamedByTheRule(method: String, path: String, usage: String) throws {
        // The built-in table: equal to the published document's names (tested above), and always at hand.
        let table = BuiltinOperations.v5
        let operation = try #require(table.operations.first { $0.method.rawValue == method && $0.path == path })
        #expect(operation.usage == usage)
        #expect(table.operation(named: operation.commandName)?.path == path)
    }

    @Test func theLongestCommandWinsAndLeavesItsArguments() throws {
        let table = BuiltinOperations.v5
        let found = try #require(table.operation(startingWith: ["trace", "stop", "t1"]))
        #expect(found.operation.path == "/trace/{name}/stop")
        #expect(found.words == 2)
        #expect(table.groups.isSuperset(of: ["trace", "rules", "listeners", "mqtt", "api_key"]))
    }

    @Test func parametersComeInPathOrderThenQuery() throws {
        let operation = try #require(BuiltinOperations.v5.operation(named: "gateways clients subscriptions delete"))
        #expect(operation.pathParameters.map(\.name) == ["name", "clientid", "topic"])
        let list = try #require(BuiltinOperations.v5.operation(named: "clients list"))
        #expect(list.queryParameters.contains { $0.name == "page" && $0.schema.kind == .integer })
    }

    @Test func referencesThatLoopReadAsAnyValue() {
        let document: JSONValue = [
            "paths": [
                "/things": [
                    "post": [
                        "requestBody": ["content": ["application/json": ["schema": ["$ref": "#/components/schemas/a"]]]]
                    ]
                ]
            ],
            "components": [
                "schemas": ["a": ["type": "object", "properties": ["next": ["$ref": "#/components/schemas/a"]]]]
            ],
        ]
        let table = OperationTable(document: document, source: .deployment)
        #expect(table.operations.first?.commandName == "things run")
        #expect(table.operations.first?.body?.field("next")?.field("next")?.kind == nil)
    }
}

/// EMQX 4.4's operations, from its HTTP API pages.
@Suite struct V4OperationTableTests {
    @Test func theDocumentedV4APIIsATableToo() {
        let table = BuiltinOperations.v4
        #expect(table.version == "4.4")
        #expect(table.operations.count >= 70)
        #expect(Set(table.operations.map(\.commandName)).count == table.operations.count)
        #expect(BuiltinOperations.groups.isSuperset(of: table.groups))
    }

    @Test(arguments: [
        ("DELETE", "/acl-cache", "acl_cache clear"),
        ("DELETE", "/acl/$all/topic/{topic}", "acl all topic delete TOPIC"),
        ("PUT", "/nodes/{node}/plugins/{plugin}/load", "nodes plugins load NODE PLUGIN"),
        ("PUT", "/listeners/{identifier}/restart", "listeners restart IDENTIFIER"),
        ("POST", "/mqtt/publish", "mqtt publish"),
        ("GET", "/clients", "clients list"),
        ("GET", "/auth_username/{username}", "auth_username show USERNAME"),
    ])
    func v4CommandsFollowTheSameRule(method: String, path: String, usage: String) throws {
        let operation = try #require(
            BuiltinOperations.v4.operations.first { $0.method.rawValue == method && $0.path == path })
        #expect(operation.usage == usage)
    }

    @Test func v4ParametersAndBodiesComeFromThePagesTables() throws {
        let list = try #require(BuiltinOperations.v4.operation(named: "clients list"))
        #expect(list.queryParameters.contains { $0.name == "_like_clientid" })
        #expect(list.queryParameters.first { $0.name == "proto_ver" }?.schema.kind == .integer)
        let ban = try #require(BuiltinOperations.v4.operation(named: "banned create"))
        #expect(ban.body?.required == ["who", "as", "reason"])
        let error = #expect(throws: EMQXError.self) { try ban.request(OperationInput(named: [("who", "x")])) }
        #expect(error?.message.contains("body.as is required") == true)
    }
}
