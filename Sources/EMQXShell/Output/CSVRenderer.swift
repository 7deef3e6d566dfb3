import EMQXJSON
import EMQXScript

/// RFC 4180 CSV: a header row, then one row per item; nested values are written as JSON.
enum CSVRenderer {
    static func render(_ value: Value, fields: [String]?) -> String {
        switch value {
        case .list(let items):
            let maps = items.compactMap { item -> [String: Value]? in
                if case .map(let map) = item { return Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.value) }) }
                return nil
            }
            if maps.count == items.count, !items.isEmpty {
                var columns = fields ?? []
                if fields == nil {
                    for case .map(let map) in items {
                        for key in map.keys where !columns.contains(key) { columns.append(key) }
                    }
                }
                var lines = [columns.map(quote).joined(separator: ",")]
                for map in maps { lines.append(columns.map { quote(cell(map[$0])) }.joined(separator: ",")) }
                return lines.joined(separator: "\n")
            }
            return (["value"] + items.map { quote(cell($0)) }).joined(separator: "\n")
        case .map(let map):
            return (["key,value"] + map.map { quote($0.key) + "," + quote(cell($0.value)) }).joined(separator: "\n")
        default:
            return quote(cell(value))
        }
    }

    static func cell(_ value: Value?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let s)?: return s
        case .list?, .map?: return value.flatMap(\.json).map(JSONWriter.encode) ?? ""
        case let other?: return other.displayText
        }
    }

    static func quote(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
