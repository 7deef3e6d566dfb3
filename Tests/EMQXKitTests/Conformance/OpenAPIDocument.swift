import EMQXJSON
import EMQXTestSupport
import Foundation

/// Just enough of an OpenAPI 3 document to check requests against it: paths, parameters, request body schemas.
struct OpenAPIDocument {
    let root: JSONValue

    /// EMQX's 5.8.1 Enterprise document, from `EMQX_SPECS_DIR` or the shared folder beside the project.
    static func load(named name: String = "ee-en.json") -> OpenAPIDocument? {
        guard let path = path(of: name), let data = FileManager.default.contents(atPath: path),
            let root = try? JSONParser.parse(bytes: data)
        else { return nil }
        return OpenAPIDocument(root: root)
    }

    /// Where one of EMQX's published documents is (see `PublishedDocuments`).
    static func path(of name: String) -> String? { PublishedDocuments.path(of: name) }

    /// The operation object for a path template (parameter names ignored) and method.
    func operation(template: String, method: String) -> (path: String, operation: JSONValue)? {
        let shape = Self.shape(template)
        for (path, item) in root["paths"]?.objectValue ?? [:] where Self.shape(path) == shape {
            if let operation = item[method.lowercased()] { return (path, operation) }
        }
        return nil
    }

    /// Parameters of an operation, `$ref`s resolved: (location, name).
    func parameters(of operation: JSONValue) -> [(location: String, name: String)] {
        (operation["parameters"]?.arrayValue ?? []).compactMap { parameter in
            let resolved = resolve(parameter)
            guard let location = resolved["in"]?.stringValue, let name = resolved["name"]?.stringValue else {
                return nil
            }
            return (location, name)
        }
    }

    /// The JSON request body schema, resolved.
    func bodySchema(of operation: JSONValue) -> JSONValue? {
        operation["requestBody"]?["content"]?["application/json"]?["schema"].map(resolve)
    }

    /// Problems with a body against a schema: missing required fields, unknown fields, JSON types, enum values;
    /// `allOf` parts are merged into one schema first.
    func problems(body: JSONValue, schema: JSONValue, at path: String = "body") -> [String] {
        var schema = resolve(schema)
        if let parts = schema["allOf"]?.arrayValue {
            schema = merged(parts.map(resolve) + [schema])
        }
        if let type = schema["type"]?.stringValue, !Self.fits(body, type) {
            return ["\(path) is \(body.typeName) \(JSONWriter.encode(body)), the schema says \(type)"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(body) {
            return ["\(path) is \(JSONWriter.encode(body)), not one of \(JSONWriter.encode(.array(allowed)))"]
        }
        for key in ["oneOf", "anyOf"] {
            if let alternatives = schema[key]?.arrayValue {
                let results = alternatives.map { problems(body: body, schema: $0, at: path) }
                return results.contains { $0.isEmpty }
                    ? [] : ["\(path) matches none of \(key): \(results.flatMap { $0 })"]
            }
        }
        if let items = schema["items"], let array = body.arrayValue {
            return array.enumerated().flatMap { problems(body: $1, schema: items, at: "\(path)[\($0)]") }
        }
        guard let object = body.objectValue, let properties = schema["properties"]?.objectValue else { return [] }
        var found: [String] = []
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[required] == nil {
            found.append("\(path) lacks required field '\(required)'")
        }
        for (key, value) in object {
            guard let property = properties[key] else {
                found.append("\(path) has field '\(key)', which the schema does not define")
                continue
            }
            found += problems(body: value, schema: property, at: "\(path).\(key)")
        }
        return found
    }

    /// One schema with every part's properties and required fields.
    func merged(_ parts: [JSONValue]) -> JSONValue {
        var properties = JSONObject()
        var required: [JSONValue] = []
        var type: JSONValue?
        for part in parts {
            for (name, property) in part["properties"]?.objectValue ?? [:] { properties[name] = property }
            required += part["required"]?.arrayValue ?? []
            type = type ?? part["type"]
        }
        var object: JSONObject = ["properties": .object(properties), "required": .array(required)]
        if let type { object["type"] = type }
        return .object(object)
    }

    /// Whether a value is of an OpenAPI type (`integer` takes whole numbers only).
    static func fits(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object): return true
        case ("integer", .int), ("integer", .bigInteger), ("number", .int), ("number", .double),
            ("number", .bigInteger):
            return true
        case ("integer", .double(let number)): return number.rounded() == number
        default: return false
        }
    }

    func resolve(_ value: JSONValue) -> JSONValue {
        guard let ref = value["$ref"]?.stringValue, ref.hasPrefix("#/") else { return value }
        var current: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { current = current?[String(part)] }
        return current.map(resolve) ?? value
    }

    /// `/clients/{clientid}` and `/clients/{id}` have the same shape.
    static func shape(_ template: String) -> String {
        template.split(separator: "/").map { $0.hasPrefix("{") ? "{}" : String($0) }.joined(separator: "/")
    }
}
