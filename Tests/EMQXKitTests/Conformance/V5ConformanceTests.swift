import EMQXJSON
import Testing

@testable import EMQXKit

/// EMQX 5.8.1 Enterprise's OpenAPI document, loaded once.
let emqxOpenAPIDocument = OpenAPIDocument.load()

/// Every v5 request EMQXKit can make, checked against EMQX's own OpenAPI document.
@Suite(.enabled(if: emqxOpenAPIDocument != nil, "EMQX's OpenAPI document ee-en.json was not found; set EMQX_SPECS_DIR"))
struct V5ConformanceTests {
    static var document: OpenAPIDocument? { emqxOpenAPIDocument }

    static var everyFilter: ClientQuery {
        var q = ClientQuery()
        q.node = "emqx@127.0.0.1"
        q.clientIDs = ["a", "b"]
        q.username = "u"
        q.ipAddress = "127.0.0.1"
        q.state = .connected
        q.cleanStart = true
        q.protocolVersion = 5
        q.clientIDContains = "sensor"
        q.usernameContains = "al"
        q.connectedAfter = 1
        q.connectedBefore = 2
        q.createdAfter = 1
        q.createdBefore = 2
        return q
    }

    static var everySubscriptionFilter: SubscriptionQuery {
        var q = SubscriptionQuery()
        q.clientID = "a"
        q.topic = "t/1"
        q.matchTopic = "t/#"
        q.qos = 1
        q.shareGroup = "g"
        q.node = "emqx@127.0.0.1"
        return q
    }

    static let message = PublishMessage(
        topic: "t/1", payload: "aGk=", encoding: .base64, qos: 1, retain: true, clientID: "ignored-on-v5",
        properties: MessageProperties(
            payloadFormatIndicator: 1, messageExpiryInterval: 60, responseTopic: "r",
            correlationData: "c", contentType: "text/plain", userProperties: ["k": "v"]))
    static let rule = ACLRule(principal: .username("u"), topic: "t/#", action: .publish, permission: .allow)
    static let subscription = SubscribeRequest(
        topic: "t/#", qos: 1, noLocal: true, retainAsPublished: false, retainHandling: 2)

    /// One sample per operation, with every optional argument set; per principal where it matters.
    static let samples: [APIOperation] = [
        .listClients(everyFilter), .getClient("a/b"), .kickClient("a"), .kickClients(["a", "b"]),
        .clientSubscriptions("a"), .subscribe(clientID: "a", subscription),
        .subscribeBulk(clientID: "a", [subscription]),
        .unsubscribe(clientID: "a", topic: "t"), .unsubscribeBulk(clientID: "a", topics: ["t"]),
        .listSubscriptions(everySubscriptionFilter), .listTopics(topic: nil), .listTopics(topic: "t"), .getTopic("t/1"),
        .publish(message), .publishBulk([message, message]),
        .listUsers(.username, contains: "a"), .getUser(.username, "u"),
        .addUser(.username, id: "u", password: "p", isSuperuser: true),
        .updateUser(.username, id: "u", password: "p", isSuperuser: false), .deleteUser(.username, "u"),
        .listACL(.username, contains: "u"), .listACL(.clientid, contains: "c"), .listACL(.all, contains: nil),
        .getACL(.username("u")), .getACL(.clientid("c")), .getACL(.all),
        .createACLList(.username("u"), [rule]), .createACLList(.clientid("c"), [rule]), .createACLList(.all, [rule]),
        .replaceACLList(.username("u"), [rule]), .replaceACLList(.clientid("c"), [rule]), .replaceACLList(.all, [rule]),
        .deleteACLList(.username("u")), .deleteACLList(.clientid("c")), .deleteACLList(.all),
        .listBanned, .addBan(Ban(kind: .peerhostNet, who: "10.0.0.0/8", reason: "r", by: "me", until: 1_900_000_000)),
        .deleteBan(.clientid, "c"), .metrics, .stats, .nodes, .getNode("emqx@127.0.0.1"), .alarms(active: true),
        .listRules, .getRule("r1"),
        .createRule(
            RuleDraft(sql: "SELECT * FROM \"t/#\"", name: "n", description: "d", actions: ["console"], enabled: true)),
        .deleteRule("r1"),
    ]

    /// Operations that exist only on v4 and must say so on v5.
    static let v4Only: [APIOperation] = [.addACLRecord(rule), .deleteACLRecord(.username("u"), topic: "t")]

    @Test func samplesCoverEveryOperation() {
        let covered = Set((Self.samples + Self.v4Only).map(\.kind))
        #expect(
            covered == Set(APIOperation.Kind.allCases),
            "missing: \(Set(APIOperation.Kind.allCases).subtracting(covered))")
    }

    @Test(arguments: samples)
    func requestMatchesTheSpec(_ operation: APIOperation) throws {
        let document = try #require(Self.document)
        var request = try RequestBuilder.request(for: operation, generation: .v5)
        if operation.isPaged {
            request.query += PagingStyle.query(page: 1, limit: 100, generation: .v5)
        }
        let found = try #require(
            document.operation(template: request.template, method: request.method.rawValue),
            "\(request.method.rawValue) \(request.template) is not in EMQX's OpenAPI document")
        let parameters = document.parameters(of: found.operation)
        let pathNames = parameters.filter { $0.location == "path" }.map(\.name)
        let templateNames = request.template.split(separator: "/").filter { $0.hasPrefix("{") }.map {
            String($0.dropFirst().dropLast())
        }
        #expect(
            templateNames == pathNames.filter { found.path.contains("{\($0)}") }, "path parameters of \(found.path)")
        let queryNames = Set(parameters.filter { $0.location == "query" }.map(\.name))
        for item in request.query {
            #expect(
                queryNames.contains(item.name),
                "query parameter '\(item.name)' is not accepted by \(request.method.rawValue) \(found.path)")
        }
        if let body = request.body {
            let schema = try #require(document.bodySchema(of: found.operation), "\(found.path) takes no JSON body")
            #expect(document.problems(body: body, schema: schema) == [], "\(request.method.rawValue) \(found.path)")
        } else {
            #expect(
                document.bodySchema(of: found.operation) == nil || request.method == .delete || request.method == .get,
                "\(found.path) expects a body")
        }
    }

    /// The checker itself can fail: wrong types, values outside an enum, missing and unknown fields.
    static let brokenBodies: [(String, JSONValue, String)] = [
        ("/publish", ["topic": "t", "payload": "p", "qos": "1"], "body.qos is string \"1\", the schema says integer"),
        ("/banned", ["as": "nobody", "who": "x"], "body.as is \"nobody\", not one of"),
        ("/publish", ["payload": "p"], "body lacks required field 'topic'"),
        (
            "/publish", ["topic": "t", "payload": "p", "colour": "red"],
            "field 'colour', which the schema does not define"
        ),
    ]

    @Test(arguments: brokenBodies)
    func theCheckerRefusesABrokenBody(path: String, body: JSONValue, problem: String) throws {
        let document = try #require(Self.document)
        let found = try #require(document.operation(template: path, method: "POST"))
        let schema = try #require(document.bodySchema(of: found.operation))
        let problems = document.problems(body: body, schema: schema)
        #expect(problems.contains { $0.contains(problem) }, "\(problems)")
    }

    @Test(arguments: v4Only)
    func v4OnlyOperationsSayTheyAreUnavailable(_ operation: APIOperation) {
        expectError(.unsupported) { _ = try RequestBuilder.request(for: operation, generation: .v5) }
    }
}

extension APIOperation: CustomTestStringConvertible {
    public var testDescription: String { kind.rawValue }
}
