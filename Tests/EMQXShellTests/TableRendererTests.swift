import EMQXJSON
import EMQXShell
import Testing

@Suite struct TableRendererTests {
    @Test func alignsColumnsUnderUpperCaseHeaders() throws {
        let rows = try JSONParser.parse(
            #"[{"clientid":"a","connected":true},{"clientid":"sensor-1","connected":false}]"#)
        #expect(TableRenderer().render(rows) == "CLIENTID  CONNECTED\na         true\nsensor-1  false")
    }

    @Test func cutsWideCellsAndPicksColumns() throws {
        let rows = try JSONParser.parse(#"[{"a":"0123456789","b":null,"c":{"x":1}}]"#)
        let table = TableRenderer(columns: ["c", "a", "b"], maximumCellWidth: 5).render(rows)
        #expect(table == "C      A      B\n{\"x\"…  0123…  ")
    }

    @Test(arguments: [
        (Int64(99_999), "99999"), (-99_999, "-99999"), (100_000, "100k"), (-150_000, "-150k"), (-1_234_567, "-1.2M"),
        (.max, "9223372T"), (.min, "-9223372T"),
    ])
    func humanizesIntegersOfEveryMagnitude(_ number: Int64, _ shown: String) {
        #expect(TableRenderer.humanText(.int(number)) == shown)
    }

    @Test(arguments: [#"{"a":1}"#, "[]", "[1,2]", #"[{"a":1},2]"#])
    func leavesNonTablesToJSON(_ text: String) throws {
        #expect(TableRenderer().render(try JSONParser.parse(text)) == nil)
    }
}
