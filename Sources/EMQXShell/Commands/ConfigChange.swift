import EMQXJSON
import EMQXScript

/// One `KEY=VALUE` of `config set`: the dotted key names a setting the section has, and the value is read as that
/// setting's type (`false` a boolean where the setting is one, `10` a number where it is one, text otherwise).
enum ConfigChange {
    static func apply(_ assignment: String, to value: JSONValue, in section: String) throws -> JSONValue {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw ShellError.usage("config set: '\(assignment)' is not KEY=VALUE (for example mqtt.max_qos_allowed=1)")
        }
        let key = assignment[..<equals].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let text = String(assignment[assignment.index(after: equals)...])
        return try set(text, at: key[...], in: value, path: [], section: section)
    }

    private static func set(
        _ text: String, at key: ArraySlice<String>, in value: JSONValue, path: [String], section: String
    ) throws -> JSONValue {
        guard let name = key.first else { return try read(text, like: value, at: path, section: section) }
        guard case .object(var object) = value, let inner = object[name] else {
            let known = (value.objectValue.map { Array($0.keys) } ?? []).map { (path + [$0]).joined(separator: ".") }
            let wanted = (path + [name]).joined(separator: ".")
            let near = known.min { editDistance($0, wanted) < editDistance($1, wanted) }
            let hint = near.map { editDistance($0, wanted) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
            throw ShellError.usage("config set: \(section) has no setting \(wanted)\(hint)")
        }
        object[name] = try set(text, at: key.dropFirst(), in: inner, path: path + [name], section: section)
        return .object(object)
    }

    private static func read(
        _ text: String, like current: JSONValue, at path: [String], section: String
    ) throws
        -> JSONValue
    {
        let name = "\(section).\(path.joined(separator: "."))"
        switch current {
        case .bool:
            guard let flag = ["true": true, "false": false][text] else {
                throw ShellError.usage("config set: \(name) is true or false, not '\(text)'")
            }
            return .bool(flag)
        case .int, .double:
            if let number = Int64(text) { return .int(number) }
            if let number = Double(text), number.isFinite { return .double(number) }
            throw ShellError.usage("config set: \(name) is a number, not '\(text)'")
        case .array, .object:
            guard let parsed = try? JSONParser.parse(text), parsed.kindName == current.kindName else {
                throw ShellError.usage(
                    "config set: \(name) is \(current.kindName == "array" ? "a list" : "a map"): give it as JSON")
            }
            return parsed
        default:
            return .string(text)
        }
    }
}

extension JSONValue {
    fileprivate var kindName: String {
        switch self {
        case .array: "array"
        case .object: "object"
        default: "scalar"
        }
    }
}
