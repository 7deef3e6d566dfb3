import EMQXJSON
import EMQXScript
import Testing

@testable import EMQXShell

/// The direct JSON of a value writes what the general path (a `JSONValue` tree, then the writer) writes.
struct CompactValueJSONTests {
    @Test(arguments: [
        Value.null, .bool(true), .int(-42), .double(2.5), .double(.nan), .double(1e300),
        .string("é \"q\" \\ \n\t\u{1}"),
        .list([]), .map([:]), .list([.int(1), .string("a"), .list([.null])]),
        .map([
            "topic": .string("fan/1"), "payload": .map(["t": .double(21.5), "ok": .bool(false)]),
            "properties": .map(["user_properties": .list([.map(["k": .string("v")])])]), "qos": .int(0),
        ]),
    ])
    func sameTextAsTheGeneralPath(_ value: Value) throws {
        let direct = try #require(CompactValueJSON.encode(value))
        #expect(direct == JSONWriter.encode(Renderer.json(value)))
    }

    @Test func aValueWithoutJSONFormIsLeftToTheGeneralPath() {
        let stream = Value.stream(ValueStream(name: "s", values: []))
        #expect(CompactValueJSON.encode(.map(["s": stream])) == nil)
        #expect(CompactValueJSON.encode(.list([.int(1), stream])) == nil)
    }
}
