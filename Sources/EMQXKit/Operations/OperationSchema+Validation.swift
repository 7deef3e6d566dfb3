public import EMQXJSON

extension OperationSchema {
    /// What is wrong with `value` by this schema, one line per problem, each naming where (`body.type`).
    ///
    /// Checks the JSON type, the allowed values, required fields, fields the schema closes out, array elements and
    /// `oneOf`/`anyOf` (the value must match one alternative; the closest one's problems are reported).
    public func problems(in value: JSONValue, at place: String) -> [String] {
        if value == .null { return nullable || defaultValue == .null ? [] : kindProblem(value, place) }
        if !alternatives.isEmpty {
            let each = alternatives.map { $0.problems(in: value, at: place) }
            if each.contains(where: \.isEmpty) { return [] }
            let closest = each.min { $0.count < $1.count } ?? []
            return alternatives.count == 1
                ? closest : ["\(place) matches none of its \(alternatives.count) forms"] + closest
        }
        let typeProblems = kindProblem(value, place)
        if !typeProblems.isEmpty { return typeProblems }
        if !allowed.isEmpty && !allowed.contains(where: { Self.same($0, value) }) {
            return ["\(place) must be \(expectation), not \(JSONWriter.encode(value))"]
        }
        switch value {
        case .object(let object):
            var found: [String] = []
            for name in required where object[name] == nil && field(name)?.defaultValue == nil {
                found.append("\(place).\(name) is required (\(field(name)?.expectation ?? "any"))")
            }
            for (name, member) in object {
                if let schema = field(name) {
                    found += schema.problems(in: member, at: "\(place).\(name)")
                } else if !allowsOtherFields {
                    found.append("\(place).\(name) is not a field here; it has \(fieldList)")
                }
            }
            return found
        case .array(let elements):
            guard let item = items.first else { return [] }
            return elements.indices.flatMap { item.problems(in: elements[$0], at: "\(place)[\($0)]") }
        default:
            return []
        }
    }

    /// The field names, for a message: `name, type, topic`.
    public var fieldList: String { fields.map(\.name).joined(separator: ", ") }

    /// The JSON value a word typed on the command line stands for, by this schema: `1` is a number for an integer
    /// field and text for a string field; `true`/`false` for a boolean; JSON text for an object or array.
    public func value(ofWord word: String) -> JSONValue {
        let kinds = kind.map { [$0] } ?? alternatives.compactMap(\.kind)
        for kind in kinds {
            switch kind {
            case .integer: if let number = Int64(word) { return .int(number) }
            case .number:
                if let number = Int64(word) { return .int(number) }
                if let number = Double(word), number.isFinite { return .double(number) }
            case .boolean:
                if word == "true" { return .bool(true) }
                if word == "false" { return .bool(false) }
            case .object, .array:
                if let parsed = try? JSONParser.parse(word) { return parsed }
            case .string: return .string(word)
            }
        }
        return .string(word)
    }

    private func kindProblem(_ value: JSONValue, _ place: String) -> [String] {
        guard let kind else { return [] }
        let fits: Bool
        switch (kind, value) {
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object): fits = true
        case (.integer, .int), (.integer, .bigInteger): fits = true
        case (.integer, .double(let number)): fits = number.rounded() == number
        case (.number, .int), (.number, .double), (.number, .bigInteger): fits = true
        default: fits = false
        }
        return fits ? [] : ["\(place) must be \(expectation), not \(value.typeName) \(JSONWriter.encode(value))"]
    }

    /// Enum members compare as JSON, with `1` and `1.0` the same number.
    private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a == b { return true }
        if let x = a.doubleValue, let y = b.doubleValue { return x == y }
        return false
    }
}
