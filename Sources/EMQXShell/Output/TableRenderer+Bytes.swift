import EMQXJSON
import EMQXScript

extension TableRenderer {
    /// Appends one record's row and a newline, the text ``line(_:_:)`` makes of ``cells(of:_:)``, written from the
    /// record's values; false, with nothing appended, when a cell is not printable ASCII (it would be escaped or cut
    /// by characters), a column is a dotted path, or the line is wider than the terminal.
    ///
    /// A streamed table writes a row per client: made through a `JSONValue` of the whole record and padded `String`s,
    /// a row cost more than decoding the record did.
    func appendLine(of record: OrderedMap<Value>, _ names: [String], _ widths: [Int], to out: inout [UInt8]) -> Bool {
        let start = out.count
        for column in names.indices {
            if column > 0 { out.append(contentsOf: Self.columnGap) }
            let cellStart = out.count
            guard appendCell(record[names[column]], named: names[column], to: &out) else {
                out.removeSubrange(start...)
                return false
            }
            let padding = widths[column] - (out.count - cellStart)
            if column < names.count - 1, padding > 0 { out.append(contentsOf: repeatElement(32, count: padding)) }
        }
        guard out.count - start <= totalWidth else {
            out.removeSubrange(start...)
            return false
        }
        out.append(UInt8(ascii: "\n"))
        return true
    }

    private static let columnGap: [UInt8] = [32, 32]

    /// Appends a cell as ``cell(_:)`` writes it, when that is printable ASCII no wider than a cell may be.
    private func appendCell(_ value: Value?, named name: String, to out: inout [UInt8]) -> Bool {
        switch value {
        case nil:
            // A missing key may still be a path into nested records.
            return !name.utf8.contains(UInt8(ascii: "."))
        case .null?: return true
        case .int(let number)? where !humanize || number.magnitude < 100_000:
            JSONWriter.writeInteger(number, into: &out)
            return true
        case .string(let text)?:
            var text = text
            return text.withUTF8 { bytes in
                guard bytes.count <= maximumCellWidth, bytes.allSatisfy({ $0 &- 0x20 < 0x5F }) else { return false }
                guard humanize, Self.isTimestamp(bytes) else {
                    out.append(contentsOf: bytes)
                    return true
                }
                // As ``humanText(_:)`` shows a time: its first 19 characters, a space for each `T`.
                out.append(contentsOf: bytes.prefix(19).lazy.map { $0 == UInt8(ascii: "T") ? 32 : $0 })
                return true
            }
        case let other?:
            var text = cell(Renderer.json(other))
            return text.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                out.append(contentsOf: bytes)
                return true
            }
        }
    }

    /// The shape ``humanText(_:)`` takes for an RFC 3339 time, tested on ASCII bytes.
    private static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        (19...32).contains(bytes.count) && bytes[10] == UInt8(ascii: "T") && bytes[0] &- 48 < 10
    }
}
