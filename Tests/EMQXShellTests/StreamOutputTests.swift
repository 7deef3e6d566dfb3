import EMQXJSON
import EMQXScript
import Synchronization
import Testing

@testable import EMQXShell

/// A stream is written as it arrives, in every format, and reads as the same list shown whole.
@Suite struct StreamOutputTests {
    static func clients(_ count: Int) -> [Value] {
        (0..<count).map { index -> Value in
            var record = OrderedMap<Value>()
            record["clientid"] = .string("device-\(index)")
            record["username"] = .string("user-\(index % 7)")
            record["connected"] = .bool(index % 3 != 0)
            record["recv_msg"] = .int(Int64(index * 1_000))
            record["note"] = .string(index % 5 == 0 ? "a, \"quoted\"\nline" : "")
            return .map(record)
        }
    }

    static func streamed(_ items: [Value], _ format: OutputFormat, resource: Resource? = .clients) -> String {
        var renderer = StreamRenderer(settings: OutputSettings(format: format, width: 200), resource: resource)
        return items.map { renderer.text(for: $0) }.joined() + renderer.finish()
    }

    static func whole(_ items: [Value], _ format: OutputFormat) -> String {
        let text = Renderer.render(.list(items), OutputSettings(format: format, width: 200), resource: .clients)
        return text.isEmpty ? "" : text + "\n"
    }

    static let shortFormats: [(OutputFormat, Int)] = OutputFormat.allCases.flatMap { format in
        [0, 1, 3, StreamRenderer.tableHeadRows - 1].map { (format, $0) }
    }

    @Test(arguments: shortFormats)
    func aShortStreamReadsAsTheWholeList(_ format: OutputFormat, _ count: Int) {
        let items = Self.clients(count)
        #expect(Self.streamed(items, format) == Self.whole(items, format))
    }

    @Test(arguments: [OutputFormat.json, .jsonl, .csv, .yaml])
    func aLongStreamReadsAsTheWholeList(_ format: OutputFormat) {
        let items = Self.clients(1_500)
        #expect(Self.streamed(items, format) == Self.whole(items, format))
    }

    @Test func aLongTableKeepsTheColumnsOfItsFirstRowsAndLosesNoCell() {
        var items = Self.clients(StreamRenderer.tableHeadRows + 50)
        items[StreamRenderer.tableHeadRows + 10] = .object([
            "clientid": "a-client-id-much-longer-than-any-before", "username": "u", "connected": true,
        ])
        let lines = Self.streamed(items, .table).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == items.count + 2)  // the header, every row, and the final newline
        #expect(lines[0].hasPrefix("CLIENTID    USERNAME  CONNECTED"))
        #expect(lines[1] == "device-0    user-0    false")
        #expect(lines.last == "")
        #expect(lines[StreamRenderer.tableHeadRows + 11] == "a-client-id-much-longer-than-any-before  u         true")
        #expect(lines[StreamRenderer.tableHeadRows + 12] == "device-211  user-1    true")
    }

    /// Rows of a sized table are written straight from the records' values: the text is the general path's for every
    /// kind of cell, with the columns of the resource or of `--fields` (a dotted path, a key no record has), in a
    /// wide terminal and in one narrower than the rows.
    static let cells: [Value] = [
        .string("2026-11-30T10:00:01.000+00:00"), .string("2026-11-30T10:00:01"),
        .string("1234567890TxTT-abcdefgh"),
        .int(99_999), .int(-99_999), .int(100_000), .int(-123_456_789), .int(.min), .int(.max), .double(1.5),
        .bool(true), .null, .string("é"), .string("tab\there"), .string("a\u{7F}"), .string("\u{1B}[2J"),
        .string(String(repeating: "x", count: 48)), .string(String(repeating: "y", count: 49)), .string(""),
        .list([.int(1)]), .object(["x": 1]), .string("10.0.0.1"), .string("1.5"), .string("yes"), .string("x: y"),
        .string("a,\"b\"\r\nc"), .string("\"\u{301}"),
    ]

    /// Records of two or three of every kind of cell, in every pairing.
    static let variedRecords: [Value] = {
        let cells = Self.cells
        return (0..<StreamRenderer.tableHeadRows + cells.count * cells.count).map { index -> Value in
            var record = OrderedMap<Value>()
            record["clientid"] = .string("device-\(index)")
            record["n"] = cells[index % cells.count]
            record["t"] = cells[index / cells.count % cells.count]
            if index % 4 != 0 {
                record["nested"] = index % 8 == 1 ? .object(["x": .int(Int64(index))]) : cells[index % cells.count]
            }
            return .map(record)
        }
    }()

    @Test(
        arguments: [(nil, 200), (["clientid", "n", "t", "nested.x", "absent"], 200), (nil, 40)] as [([String]?, Int)])
    func aTablesRowsFromTheirValuesReadAsTheGeneralPath(_ fields: [String]?, _ width: Int) {
        let items = Self.variedRecords
        let settings = OutputSettings(format: .table, fields: fields, width: width)
        var general = StreamRenderer(settings: settings, resource: nil)
        var direct = StreamRenderer(settings: settings, resource: nil)
        var out: [UInt8] = []
        for item in items { direct.append(item, to: &out) }
        out.append(contentsOf: direct.finish().utf8)
        let expected = items.map { general.text(for: $0) }.joined() + general.finish()
        #expect(String(decoding: out, as: UTF8.self) == expected)
        // The direct path is taken for plain cells, and left to the general one for text it would escape.
        let table = Renderer.tableRenderer(settings, columns: ["clientid", "n"])
        var line: [UInt8] = []
        #expect(table.appendLine(of: ["clientid": "c", "n": .int(1)], ["clientid", "n"], [8, 1], to: &line))
        #expect(String(decoding: line, as: UTF8.self) == "c         1\n")
        #expect(!table.appendLine(of: ["clientid": "c", "n": "é"], ["clientid", "n"], [8, 1], to: &line))
    }

    /// Every format written item by item from the values reads as the whole list does, whatever the records hold.
    @Test(arguments: [OutputFormat.json, .jsonl, .csv, .yaml])
    func itemsWrittenFromTheirValuesReadAsTheWholeList(_ format: OutputFormat) {
        let items = Self.variedRecords
        var renderer = StreamRenderer(settings: OutputSettings(format: format, width: 200), resource: .clients)
        var out: [UInt8] = []
        for item in items { renderer.append(item, to: &out) }
        out.append(contentsOf: renderer.finish().utf8)
        #expect(String(decoding: out, as: UTF8.self) == Self.whole(items, format))
    }

    /// The shell writes the first items while later pages are still to come: nothing waits for the end.
    @Test(arguments: OutputFormat.allCases)
    func theShellWritesItemsBeforeTheStreamEnds(_ format: OutputFormat) async throws {
        let sink = CapturingSink()
        let session = ShellSession(
            sink: sink, settings: OutputSettings(format: format, width: 200), isTerminal: false)
        let items = Self.clients(2_000)
        let writtenBeforeEnd = Mutex(0)
        let stream = ValueStream(name: "clients") {
            let position = Mutex(0)
            return {
                let index = position.withLock { value in
                    defer { value += 1 }
                    return value
                }
                if index == items.count { writtenBeforeEnd.withLock { $0 = sink.output.utf8.count } }
                return index < items.count ? items[index] : nil
            }
        }
        try await session.show(.stream(stream))
        #expect(writtenBeforeEnd.withLock { $0 } > 64 * 1024)
        #expect(sink.output == Self.streamed(items, format, resource: nil))
        await session.close()
    }
}

/// Flat records written straight to YAML read exactly as Yams writes them.
@Suite struct YAMLRecordsTests {
    static let words = [
        "device-1", "user-12", "10.0.0.1", "emqx@10.0.0.1", "2026-11-30T10:00:01.000+00:00", "MQTT", "infinity",
        "tcp:default", "a.b", "x/y", "+1", "-1", "1", "0x1F", "1.5", "1e3", "true", "False", "yes", "No", "on", "OFF",
        "null", "~", "", " lead", "trail ", "a: b", "a #b", "#c", "-x", ":x", "x:", "a:b", "é", "a\"b", "'q'", "[a]",
        "{a}", "a,b", "*a", "&a", "!a", "%a", "@a", "`a", "|a", ">a", "?a", "a\nb", "0.0.0", "NaN", ".inf", "1_000",
        "0o17", "12:30", "2026-11-30", "Y", "n", "nul", "truely", "snan", "sNaN", "infinity", "Infinity", "nan",
        "0x1p3", "+.5", "NO", "Off", "TRUE", "1.2.3", "12:30:00", "0x1.8p1", "1e+5", "1_0", "nan(1)", "1@2", "1/2",
        "-1.5.2", "2026-11-30T10:00:01Z",
    ]

    /// The quick test of which words need quotes answers as the plain definition does.
    @Test func wordsThatReadAsAnotherTypeAreFoundQuickly() {
        for word in Self.words + ["-snan", "٣", "Ｙ", "ŉ", "+", "-", ".", "1.", "i", "in", "nano", "sna"] {
            let plain =
                ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~", ""].contains(word.lowercased())
                || Double(word) != nil || Int(word, radix: 10) != nil
            #expect(YAMLRenderer.looksLikeAnotherType(word) == plain, "\(word)")
        }
    }

    @Test func recordsOfEveryWordReadAsYamsWritesThem() throws {
        var records: [Value] = []
        for (index, word) in Self.words.enumerated() {
            var record = OrderedMap<Value>()
            record["clientid"] = .string(word)
            record["port"] = .int(Int64(index) - 5)
            record["connected"] = .bool(index % 2 == 0)
            record["mountpoint"] = .null
            record[word.isEmpty ? "empty" : word] = .string("v")
            records.append(.map(record))
        }
        for record in records {
            let yams = YAMLRenderer().yams(.list([record]))
            if let fast = YAMLRecords.render([record]) { #expect(fast == yams) }
        }
        let plain = records.filter { YAMLRecords.render([$0]) != nil }
        #expect(plain.count >= 10)
        #expect(YAMLRecords.render(plain) == YAMLRenderer().yams(.list(plain)))
    }
}
