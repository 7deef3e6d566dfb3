public import EMQXJSON

/// Renders a list of JSON objects as an aligned text table, the way a person reads it at a terminal.
public struct TableRenderer: Sendable {
    /// Columns to show; nil picks the keys of the first object, up to `maximumColumns`.
    public var columns: [String]?
    public var maximumColumns: Int
    /// Cells wider than this are cut and end in `…`.
    public var maximumCellWidth: Int

    public init(columns: [String]? = nil, maximumColumns: Int = 8, maximumCellWidth: Int = 40) {
        self.columns = columns
        self.maximumColumns = maximumColumns
        self.maximumCellWidth = maximumCellWidth
    }

    /// The table, or nil when `value` is not a non-empty list of objects (render it as JSON instead).
    public func render(_ value: JSONValue) -> String? {
        guard let rows = value.arrayValue, !rows.isEmpty, rows.allSatisfy({ $0.objectValue != nil }) else { return nil }
        let names = columns ?? Array((rows.first?.objectValue?.keys ?? []).prefix(maximumColumns))
        let cells = rows.map { row in names.map { cell(row[$0]) } }
        let widths = names.indices.map { column in
            ([names[column].count] + cells.map { $0[column].count }).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            values.indices.map { column in
                let text = values[column]
                return column == values.count - 1 ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
        }
        var out = [line(names.map { $0.uppercased() })]
        out += cells.map(line)
        return out.joined(separator: "\n")
    }

    private func cell(_ value: JSONValue?) -> String {
        let text: String
        switch value {
        case nil, .null?: text = ""
        case .string(let s)?: text = s
        case let other?: text = JSONWriter.encode(other)
        }
        let flat = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        return flat.count > maximumCellWidth ? String(flat.prefix(maximumCellWidth - 1)) + "…" : flat
    }
}
