import EMQXJSON
import EMQXScript

/// RFC 4180 CSV: a header row, then one row per item; nested values are written as JSON.
enum CSVRenderer {
    static func render(_ value: Value, fields: [String]?) -> String {
        switch value {
        case .list(let items):
            let maps = items.compactMap { item -> OrderedMap<Value>? in
                if case .map(let map) = item { map } else { nil }
            }
            if maps.count == items.count, !items.isEmpty {
                var columns = fields ?? []
                if fields == nil {
                    for map in maps {
                        for key in map.keys where !columns.contains(key) { columns.append(key) }
                    }
                }
                var out = Array((columns.map(quote).joined(separator: ",") + "\n").utf8)
                for map in maps { appendRow(of: map, columns: columns, to: &out) }
                out.removeLast()
                return String(decoding: out, as: UTF8.self)
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

    /// The cell as a CSV field: in quotes, with each quote doubled, when it holds a comma, a quote or a line break.
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the field ``quote(_:)`` makes, tested and copied as bytes: by characters, a quote or a line break
    /// within a cluster (`\r\n`, a quote under an accent) went unseen and broke the row.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let special = bytes.contains {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                    || $0 == UInt8(ascii: "\r")
            }
            guard special else { return out.append(contentsOf: bytes) }
            out.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { out.append(byte) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Appends one record's row in `columns`, and a newline: every CSV row of records is written here.
    static func appendRow(of record: OrderedMap<Value>, columns: [String], to out: inout [UInt8]) {
        for position in columns.indices {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            switch record[columns[position]] {
            case nil, .null?: break
            case .int(let number)?: JSONWriter.writeInteger(number, into: &out)
            case .string(let text)?: appendQuoted(text, to: &out)
            case let other?: appendQuoted(cell(other), to: &out)
            }
        }
        out.append(UInt8(ascii: "\n"))
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
