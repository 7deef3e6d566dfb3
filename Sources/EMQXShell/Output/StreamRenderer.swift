import EMQXJSON
import EMQXScript

/// Writes a stream's items in the chosen format as they arrive, so memory stays flat at any length.
///
/// Each format reads as the same list shown whole would: JSON is `[` … `]` around the items, CSV takes its columns
/// from the first item, YAML is one `- ` entry per item (a plain record as it comes, others through Yams 100 at a
/// time). A table holds its first ``tableHeadRows`` rows to size its columns; a longer stream keeps those widths,
/// and a wider cell later pushes the rest of its row along.
struct StreamRenderer {
    static let tableHeadRows = 200
    static let yamlBatchSize = 100

    let settings: OutputSettings
    let resource: Resource?
    /// How many rows a table holds to size its columns: one for a live stream, whose next row may be a while.
    let headRows: Int
    private var count = 0
    private var csvColumns: [String]?
    private let yaml = YAMLRenderer()
    private var yamlBatch: [Value] = []
    private var yamlKeys = YAMLRecords.KeyLines()
    private var table = TableState.sizing([])

    private enum TableState {
        /// The first rows, held until there are enough to size the columns.
        case sizing([Value])
        /// Rows drawn in columns sized from the first ones.
        case rows(TableRenderer, names: [String], widths: [Int])
        /// Items that are not all records, each shown as it is.
        case items
    }

    init(settings: OutputSettings, resource: Resource?, live: Bool = false) {
        self.settings = settings
        self.resource = resource
        self.headRows = live ? 1 : Self.tableHeadRows
    }

    /// Appends the text for the next item to `out`: JSON, JSON Lines, CSV rows, plain YAML records and a sized
    /// table's rows straight from the value (the same text as ``text(for:)``, without a `JSONValue` tree or `String`
    /// pieces between), the rest as ``text(for:)`` has it.
    mutating func append(_ item: Value, to out: inout [UInt8]) {
        if case .rows(let renderer, let names, let widths) = table, case .map(let record) = item,
            renderer.appendLine(of: record, names, widths, to: &out)
        {
            count += 1
            return
        }
        if settings.format == .csv, let columns = csvColumns, case .map(let record) = item {
            CSVRenderer.appendRow(of: record, columns: columns, to: &out)
            count += 1
            return
        }
        // A plain record is written as Yams would write it in a list, unless records wait for Yams before it.
        if settings.format == .yaml, yamlBatch.isEmpty, YAMLRecords.append(item, keys: &yamlKeys, to: &out) {
            count += 1
            return
        }
        let start = out.count
        let pretty = settings.format == .json
        guard pretty || settings.format == .jsonl else {
            out.append(contentsOf: text(for: item).utf8)
            return
        }
        if pretty { out.append(contentsOf: (count == 0 ? "[\n  " : ",\n  ").utf8) }
        // A value with no JSON form (a function, a stream) is written as ``text(for:)`` has it.
        guard item.writeJSON(into: &out, pretty: pretty, level: 1) else {
            out.removeSubrange(start...)
            out.append(contentsOf: text(for: item).utf8)
            return
        }
        if !pretty { out.append(UInt8(ascii: "\n")) }
        count += 1
    }

    /// The text for the next item (empty while a table sizes its columns or a batch of YAML fills).
    mutating func text(for item: Value) -> String {
        defer { count += 1 }
        switch settings.format {
        case .json:
            return (count == 0 ? "[\n  " : ",\n  ") + JSONWriter.encodePretty(Renderer.json(item), level: 1)
        case .jsonl: return JSONWriter.encode(Renderer.json(item)) + "\n"
        case .yaml:
            // One emitter per batch of items: setting libyaml up costs more than writing one record.
            yamlBatch.append(item)
            guard yamlBatch.count == Self.yamlBatchSize else { return "" }
            defer { yamlBatch = [] }
            return yaml.render(.list(yamlBatch)) + "\n"
        case .csv: return csvRow(item)
        case .table: return tableRow(item)
        }
    }

    /// What closes the list; for a table that ended while sizing, the whole table.
    mutating func finish() -> String {
        switch settings.format {
        case .json: return count == 0 ? "[]\n" : "\n]\n"
        case .jsonl: return ""
        case .yaml: return count == 0 ? "[]\n" : yamlBatch.isEmpty ? "" : yaml.render(.list(yamlBatch)) + "\n"
        case .csv: return count == 0 ? "value\n" : ""
        case .table:
            guard case .sizing(let head) = table else { return "" }
            return Renderer.render(.list(head), settings, resource: resource) + "\n"
        }
    }

    private mutating func csvRow(_ item: Value) -> String {
        guard case .map(let map) = item else {
            return (count == 0 ? "value\n" : "") + CSVRenderer.quote(CSVRenderer.cell(item)) + "\n"
        }
        if csvColumns == nil {
            let columns =
                settings.fields ?? resource?.defaultColumns(for: .list([item])) ?? Array(map.keys)
            csvColumns = columns
            return columns.map(CSVRenderer.quote).joined(separator: ",") + "\n" + csvRow(item)
        }
        var row: [UInt8] = []
        CSVRenderer.appendRow(of: map, columns: csvColumns ?? [], to: &row)
        return String(decoding: row, as: UTF8.self)
    }

    private mutating func tableRow(_ item: Value) -> String {
        switch table {
        case .sizing(var head):
            head.append(item)
            table = .sizing(head)
            return head.count == headRows ? startTable(head) : ""
        case .rows(let renderer, let names, let widths) where item.isMap:
            return renderer.line(renderer.cells(of: Renderer.json(item), names), widths) + "\n"
        case .rows, .items:
            return Renderer.render(item, settings, resource: resource) + "\n"
        }
    }

    /// Sizes the columns from the rows held so far and writes them; a head that is not all records is written
    /// whole, as the list it is, and the rest follow one by one.
    private mutating func startTable(_ head: [Value]) -> String {
        let rows = head.map(Renderer.json)
        guard rows.allSatisfy({ $0.objectValue != nil }), let first = rows.first else {
            table = .items
            return Renderer.render(.list(head), settings, resource: resource) + "\n"
        }
        let renderer = Renderer.tableRenderer(
            settings, columns: settings.fields ?? resource?.defaultColumns(for: .list(head)))
        let names = renderer.columnNames(first: first)
        let cells = rows.map { renderer.cells(of: $0, names) }
        let widths = TableRenderer.widths(names, cells)
        table = .rows(renderer, names: names, widths: widths)
        return ([renderer.header(names, widths)] + cells.map { renderer.line($0, widths) }).joined(separator: "\n")
            + "\n"
    }
}

extension Value {
    fileprivate var isMap: Bool {
        if case .map = self { return true }
        return false
    }
}
