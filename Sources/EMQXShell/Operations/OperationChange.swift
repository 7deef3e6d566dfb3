import EMQXJSON
import EMQXKit

/// A `PUT` of something a `GET` on the same path reads (a configuration section, a rule, a user): field flags change
/// the current value rather than replace it, and `--preview` shows the difference without sending anything.
enum OperationChange {
    /// The `GET` on the same path, when the table has one.
    static func reader(of operation: Operation, in table: OperationTable) -> Operation? {
        guard operation.method == .put || operation.method == .patch else { return nil }
        return table.operations.first { $0.method == .get && $0.path == operation.path }
    }

    /// The current value as the `PUT` takes it: only the fields its schema declares (a `GET` also reports ids,
    /// times and metrics the `PUT` does not take), or all of it when the schema names none.
    static func editable(_ current: JSONValue, for operation: Operation) -> JSONValue {
        guard case .object(let object) = current, let schema = operation.body else { return current }
        let declared = Set(schema.fields.map(\.name) + schema.alternatives.flatMap { $0.fields.map(\.name) })
        guard !declared.isEmpty else { return current }
        return .object(object.filter { declared.contains($0.key) })
    }

    /// What changes from `old` to `new`, one line per field: `path: old → new`, `+ path: new`, `- path: old`.
    static func difference(from old: JSONValue, to new: JSONValue, at path: String = "") -> [String] {
        if case .object(let before) = old, case .object(let after) = new {
            var lines: [String] = []
            for (key, value) in before {
                let place = path.isEmpty ? key : path + "." + key
                if let next = after[key] {
                    lines += difference(from: value, to: next, at: place)
                } else {
                    lines.append("- \(place): \(JSONWriter.encode(value))")
                }
            }
            for (key, value) in after where before[key] == nil {
                lines.append("+ \(path.isEmpty ? key : path + "." + key): \(JSONWriter.encode(value))")
            }
            return lines
        }
        guard old != new else { return [] }
        return ["\(path.isEmpty ? "(the whole value)" : path): \(JSONWriter.encode(old)) → \(JSONWriter.encode(new))"]
    }
}
