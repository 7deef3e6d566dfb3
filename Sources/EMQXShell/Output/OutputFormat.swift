/// How results are written.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people; the default at a terminal.
    case table
    /// Indented JSON; the default when stdout is not a terminal.
    case json
    /// One compact JSON value per line: one line per list item.
    case jsonl
    case csv
    case yaml

    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}

/// What a renderer needs to know about where the output goes.
public struct OutputSettings: Sendable {
    public var format: OutputFormat
    /// Columns chosen with `--fields`; nil uses the resource's defaults.
    public var fields: [String]?
    public var useColor: Bool
    /// Terminal width in columns; wide tables are cut to it.
    public var width: Int

    public init(format: OutputFormat, fields: [String]? = nil, useColor: Bool = false, width: Int = 120) {
        self.format = format
        self.fields = fields
        self.useColor = useColor
        self.width = width
    }
}
