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
        case .int(let i) where abs(i) >= 100_000:
            let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
            for (scale, suffix) in units where Double(abs(i)) >= scale {
                let scaled = Double(i) / scale
                let text = scaled >= 100 ? String(Int(scaled.rounded())) : String((scaled * 10).rounded() / 10)
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
        guard let rows = value.arrayValue, !rows.isEmpty, rows.allSatisfy({ $0.objectValue != nil }) else { return nil }
        let names = columns ?? Array((rows.first?.objectValue?.keys ?? []).prefix(maximumColumns))
        let cells = rows.map { row in names.map { cell(row[$0]) } }
        let widths = names.indices.map { column in
            ([names[column].count] + cells.map { $0[column].count }).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            values.indices.map { column in
                let text = values[column]
                return column == values.count - 1
                    ? text : text + String(repeating: " ", count: widths[column] - text.count)
            }.joined(separator: "  ")
        }
        var header = line(names.map { VisibleText.escape($0.uppercased(), keepingLines: false) })
        var body = cells.map(line)
        if totalWidth < Int.max {
            header = String(header.prefix(totalWidth))
            body = body.map { $0.count > totalWidth ? String($0.prefix(totalWidth - 1)) + "…" : $0 }
        }
        if boldHeader { header = "\u{1B}[1m" + header + "\u{1B}[0m" }
        return ([header] + body).joined(separator: "\n")
    }

    private func cell(_ value: JSONValue?) -> String {
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
