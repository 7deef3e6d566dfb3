import EMQXJSON
import EMQXScript
import Testing

@testable import EMQXShell

/// A value written as JSON straight from itself gives what the general path (a `JSONValue` tree, then the writer)
/// gives, compact and indented.
struct ValueJSONWritingTests {
    @Test(arguments: [
        Value.null, .bool(true), .int(-42), .int(.min), .double(2.5), .double(.nan), .double(1e300),
        .string("é \"q\" \\ \n\t\u{1}"),
        .list([]), .map([:]), .list([.int(1), .string("a"), .list([.null]), .map([:])]),
        .map([
            "topic": .string("fan/1"), "payload": .map(["t": .double(21.5), "ok": .bool(false)]),
            "properties": .map(["user_properties": .list([.map(["k": .string("v")])])]), "qos": .int(0),
        ]),
        .error(ErrorValue(code: "NOT_FOUND", message: "no such client", location: nil, details: .map(["id": .int(7)]))),
    ])
    func sameTextAsTheGeneralPath(_ value: Value) throws {
        let tree = Renderer.json(value)
        #expect(try #require(JSONWriter.encode(value)) == JSONWriter.encode(tree))
        #expect(try #require(JSONWriter.encode(value, pretty: true)) == JSONWriter.encodePretty(tree))
        let indented = try #require(JSONWriter.encode(value, pretty: true, level: 1))
        #expect(indented == JSONWriter.encodePretty(tree, level: 1))
    }

    @Test func aValueWithoutJSONFormHasNoText() {
        let stream = Value.stream(ValueStream(name: "s", values: []))
        #expect(JSONWriter.encode(Value.map(["s": stream])) == nil)
        #expect(JSONWriter.encode(Value.list([.int(1), stream])) == nil)
    }

    @Test(arguments: [OutputFormat.json, .jsonl])
    func aStreamWritesWhatItsTextWouldBe(_ format: OutputFormat) {
        let stream = Value.stream(ValueStream(name: "s", values: []))
        let items: [Value] = [.map(["a": .int(1), "b": .list([.string("x")])]), stream, .string("s"), .map([:])]
        var direct = StreamRenderer(settings: OutputSettings(format: format), resource: nil)
        var general = direct
        var out: [UInt8] = []
        var text = ""
        for item in items {
            direct.append(item, to: &out)
            text += general.text(for: item)
        }
        #expect(String(decoding: out, as: UTF8.self) == text)
    }
}
