import EMQXJSON
import EMQXScript

/// Turns a command's value into text in the chosen format.
public enum Renderer {
    /// The whole text for a value (a stream is written item by item: ``StreamRenderer``).
    public static func render(_ value: Value, _ settings: OutputSettings, resource: Resource? = nil) -> String {
        if resource?.isText == true, case .string(let text) = value {
            return settings.format == .table ? VisibleText.escape(text) : text
        }
        switch settings.format {
        case .json: return JSONWriter.encodePretty(json(value))
        case .jsonl:
            if case .list(let items) = value {
                return items.map { JSONWriter.encode(json($0)) }.joined(separator: "\n")
            }
            return JSONWriter.encode(json(value))
        case .csv: return CSVRenderer.render(value, fields: settings.fields ?? resource?.defaultColumns(for: value))
        case .yaml: return YAMLRenderer.render(value)
        case .table: return table(value, settings, resource: resource)
        }
    }

    static func json(_ value: Value) -> JSONValue {
        value.json ?? .string(value.displayText)
    }

    static func table(_ value: Value, _ settings: OutputSettings, resource: Resource?) -> String {
        switch value {
        case .list(let items)
        where !items.isEmpty && items.allSatisfy({ if case .map = $0 { return true } else { return false } }):
            let rows = JSONValue.array(items.map(json))
            let renderer = tableRenderer(settings, columns: settings.fields ?? resource?.defaultColumns(for: value))
            return renderer.render(rows) ?? JSONWriter.encodePretty(rows)
        case .list(let items) where items.isEmpty:
            return "(none)"
        case .list(let items) where items.allSatisfy(isScalar):
            return items.map { VisibleText.escape($0.displayText, keepingLines: false) }.joined(separator: "\n")
        case .map(let whole) where settings.fields != nil || whole.values.allSatisfy(isScalar):
            // --fields picks (and orders) the keys of a single object too, before nesting is looked at.
            var map = whole
            if let fields = settings.fields {
                map = OrderedMap(uniqueKeysWithValues: fields.compactMap { key in map[key].map { (key, $0) } })
            }
            guard map.values.allSatisfy(isScalar) else { return JSONWriter.encodePretty(json(.map(map))) }
            let keys = map.keys.map { VisibleText.escape($0, keepingLines: false) }
            let width = keys.map(\.count).max() ?? 0
            return zip(keys, map.values).map { key, item in
                key + String(repeating: " ", count: width - key.count) + "  "
                    + VisibleText.escape(TableRenderer.humanText(json(item)), keepingLines: false)
            }.joined(separator: "\n")
        case .string(let text): return VisibleText.escape(text)
        case .map, .list: return JSONWriter.encodePretty(json(value))
        default: return VisibleText.escape(value.displayText)
        }
    }

    /// The table a person reads: at most 8 columns of at most 48 characters, numbers and times humanized.
    static func tableRenderer(_ settings: OutputSettings, columns: [String]?) -> TableRenderer {
        var renderer = TableRenderer(columns: columns, maximumColumns: 8, maximumCellWidth: 48)
        renderer.humanize = true
        renderer.boldHeader = settings.useColor
        renderer.totalWidth = settings.width
        return renderer
    }

    static func isScalar(_ value: Value) -> Bool {
        switch value {
        case .list, .map, .stream, .function: return false
        default: return true
        }
    }
}
