import EMQXJSON
import Testing

@testable import EMQXKit

/// Requests built from a command's arguments, and refused before sending when they break the schema.
@Suite struct OperationRequestTests {
    let table = BuiltinOperations.v5

    func operation(_ name: String) throws -> Operation { try #require(table.operation(named: name)) }

    @Test func flagsBecomeBodyFieldsReadByTheirType() throws {
        let create = try operation("trace create")
        let request = try create.request(
            OperationInput(named: [("name", "t1"), ("type", "clientid"), ("clientid", "c 1")]))
        #expect(request.method == .post)
        #expect(request.target == "/trace")
        #expect(request.body == ["name": "t1", "type": "clientid", "clientid": "c 1"])
        let publish = try operation("publish run").request(
            OperationInput(named: [("topic", "t/1"), ("payload", "hi"), ("qos", "1")]))
        #expect(publish.body == ["topic": "t/1", "payload": "hi", "qos": 1])
    }

    @Test func pathArgumentsAreEncodedAsOneSegment() throws {
        let request = try operation("trace stop").request(OperationInput(positional: ["a/b c"]))
        #expect(request.method == .put)
        #expect(request.target == "/trace/a%2Fb%20c/stop")
    }

    @Test func queryFlagsGoInTheQuery() throws {
        let request = try operation("clients list").request(
            OperationInput(named: [("limit", "5"), ("conn_state", "connected")]))
        #expect(request.target == "/clients?limit=5&conn_state=connected")
    }

    @Test(arguments: [
        (OperationInput(named: [("name", "t1")]), "body.type is required"),
        (OperationInput(named: [("name", "t1"), ("type", "nobody")]), "body.type must be one of: \"clientid\""),
        (OperationInput(named: [("name", 7), ("type", "topic")]), "body.name must be string, not number 7"),
        (OperationInput(named: [("colour", "red")]), "unknown flag --colour"),
        (OperationInput(positional: ["extra"]), "trace create takes 0 arguments"),
        (OperationInput(body: .array([])), "body must be object"),
    ])
    func brokenRequestsAreRefusedNamingTheField(input: OperationInput, message: String) throws {
        let create = try operation("trace create")
        let error = #expect(throws: EMQXError.self) { try create.request(input) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test func aWholeBodyTakesFieldFlagsOnTop() throws {
        let request = try operation("trace create").request(
            OperationInput(named: [("type", "topic")], body: ["name": "t2", "type": "clientid", "topic": "a/#"]))
        #expect(request.body == ["name": "t2", "type": "topic", "topic": "a/#"])
    }

    @Test func alternativesAcceptAnyOneOfTheirForms() throws {
        let create = try operation("authentication create")
        #expect(create.body?.alternatives.isEmpty == false)
        let good: JSONValue = ["mechanism": "password_based", "backend": "built_in_database"]
        _ = try create.request(OperationInput(body: good))
        let error = #expect(throws: EMQXError.self) {
            try create.request(OperationInput(body: ["mechanism": "password_based", "backend": 7]))
        }
        #expect(error?.message.contains("matches none of its") == true)
    }
}
