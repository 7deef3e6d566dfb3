public import EMQXJSON

/// Renders a list of JSON objects as an aligned text table, the way a person reads it at a terminal.
public struct TableRenderer: Sendable {
    /// Columns to show; nil picks the keys of the first object, up to `maximumColumns`.
    public var columns: [String]?
    public var maximumColumns: Int
    /// Cells wider than this are cut and end in `…`.
    public var maximumCellWidth: Int

    /// Write big numbers as `12.3k` and RFC 3339 times without their fractions and offset.
    public var humanize = false
    /// Bold the header (only at a colour terminal).
    public var boldHeader = false
    /// Cut the table to this many columns of text.
    public var totalWidth = Int.max

    public init(columns: [String]? = nil, maximumColumns: Int = 8, maximumCellWidth: Int = 40) {
        self.columns = columns
        self.maximumColumns = maximumColumns
        self.maximumCellWidth = maximumCellWidth
    }

    /// A cell as a person reads it: `1.2M`, `2023-09-15 09:36:20`.
    public static func humanText(_ value: JSONValue) -> String {
        switch value {
        // By magnitude: `abs` of the smallest integer traps.
        case .int(let i) where i.magnitude >= 100_000:
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
            for (scale, suffix) in units where Double(i.magnitude) >= scale {
                let scaled = Double(i) / scale
                let text = abs(scaled) >= 100 ? String(Int(scaled.rounded())) : String((scaled * 10).rounded() / 10)
                return text + suffix
            }
            return String(i)
        case .string(let s)
        where s.count >= 19 && s.count <= 32 && s.dropFirst(10).first == "T" && s.first?.isNumber == true:
            return String(s.prefix(19)).replacingOccurrences(of: "T", with: " ")
        case .string(let s): return s
        case .null: return ""
        default: return JSONWriter.encode(value)
        }
    }

    /// The table, or nil when `value` is not a non-empty list of objects (render it as JSON instead).
    public func render(_ value: JSONValue) -> String? {
        guard let rows = value.arrayValue, let first = rows.first, rows.allSatisfy({ $0.objectValue != nil }) else {
            return nil
        }
        let names = columnNames(first: first)
        let table = rows.map { self.cells(of: $0, names) }
        let widths = Self.widths(names, table)
        return ([header(names, widths)] + table.map { line($0, widths) }).joined(separator: "\n")
    }

    /// The columns shown: those asked for, or the first row's keys up to `maximumColumns`.
    func columnNames(first row: JSONValue) -> [String] {
        columns ?? Array((row.objectValue?.keys ?? []).prefix(maximumColumns))
    }

    /// One row's cells, in the columns' order.
    func cells(of row: JSONValue, _ names: [String]) -> [String] { names.map { cell(Self.field($0, of: row)) } }

    /// A column's value: the key, or a dotted path into nested objects (`status.running`).
    static func field(_ name: String, of row: JSONValue) -> JSONValue? {
        if let value = row[name] { return value }
        guard name.contains(".") else { return nil }
        return name.split(separator: ".").reduce(Optional(row)) { $0?[String($1)] }
    }

    /// Each column as wide as its name and its widest cell.
    static func widths(_ names: [String], _ rows: [[String]]) -> [Int] {
        names.indices.map { column in ([names[column].count] + rows.map { $0[column].count }).max() ?? 0 }
    }

    /// The header line: the names in capitals, bold at a colour terminal.
    func header(_ names: [String], _ widths: [Int]) -> String {
        var header = line(names.map { VisibleText.escape($0.uppercased(), keepingLines: false) }, widths)
        header = String(header.prefix(totalWidth))
        return boldHeader ? "\u{1B}[1m" + header + "\u{1B}[0m" : header
    }

    /// One row, each cell padded to its column (a wider cell pushes the rest along), cut to the terminal's width.
    func line(_ cells: [String], _ widths: [Int]) -> String {
        let text = cells.indices.map { column in
            let cell = cells[column]
            return column == cells.count - 1
                ? cell : cell + String(repeating: " ", count: max(0, widths[column] - cell.count))
        }.joined(separator: "  ")
        return text.count > totalWidth ? String(text.prefix(totalWidth - 1)) + "…" : text
    }

    func cell(_ value: JSONValue?) -> String {
        let text: String
        switch value {
        case nil, .null?: text = ""
        case .string(let s)? where !humanize: text = s
        case let other? where humanize: text = Self.humanText(other)
        case let other?: text = JSONWriter.encode(other)
        }
        // A cell is one line, and what a server sent in it is shown, never obeyed by the terminal.
        let flat = VisibleText.escape(text, keepingLines: false)
        return flat.count > maximumCellWidth ? String(flat.prefix(maximumCellWidth - 1)) + "…" : flat
    }
}
