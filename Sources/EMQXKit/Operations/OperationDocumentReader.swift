import EMQXJSON

/// Reads an OpenAPI 3 document into operations: the part of OpenAPI a command needs (paths, parameters, body
/// fields, types, enums, defaults, required fields), tolerant of what a partial or older server leaves out.
///
/// `$ref`s to `#/components/…` are followed; a reference that loops back on itself reads as "any value".
struct OperationDocumentReader {
    private let document: JSONValue
    private var resolvedSchemas: [String: OperationSchema] = [:]
    private var resolving: Set<String> = []

    init(_ document: JSONValue) { self.document = document }

    /// Every operation of the document, named by `OperationNaming`, in path order.
    mutating func operations() -> [Operation] {
        guard let paths = document["paths"]?.objectValue else { return [] }
        var operations: [Operation] = []
        for (path, item) in paths {
            guard let methods = item.objectValue else { continue }
            let declared = Set(methods.keys.compactMap { HTTPMethod(rawValue: $0.uppercased()) })
            let shared = methods["parameters"]?.arrayValue ?? []
            for (key, value) in methods {
                guard let method = HTTPMethod(rawValue: key.uppercased()), let object = value.objectValue else {
                    continue
                }
                operations.append(read(method, path, object, shared, declared))
            }
        }
        OperationNaming.disambiguate(&operations)
        return operations
    }

    private mutating func read(
        _ method: HTTPMethod, _ path: String, _ object: JSONObject, _ shared: [JSONValue], _ declared: Set<HTTPMethod>
    ) -> Operation {
        let group = path.split(separator: "/").first.map(String.init) ?? ""
        let tag = object["tags"]?[0]?.stringValue ?? group
        var parameters: [OperationParameter] = []
        for entry in shared + (object["parameters"]?.arrayValue ?? []) {
            guard let parameter = parameter(entry) else { continue }
            parameters.removeAll { $0.name == parameter.name && $0.location == parameter.location }
            parameters.append(parameter)
        }
        // Path parameters in the order the path has them, each once, even when the document forgot one.
        var ordered: [OperationParameter] = []
        for segment in path.split(separator: "/") where OperationNaming.isParameter(segment) {
            let name = String(segment.dropFirst().dropLast())
            ordered.append(
                parameters.first { $0.location == .path && $0.name == name }
                    ?? OperationParameter(name: name, location: .path, isRequired: true, schema: .init(kind: .string)))
        }
        ordered += parameters.filter { $0.location == .query }
        var body: OperationSchema?
        // Only JSON bodies: a file upload (multipart) is not something a command line sends.
        if let json = object["requestBody"]?["content"]?["application/json"] {
            body = json["schema"].map { schema($0) } ?? OperationSchema()
        }
        return Operation(
            method: method, path: path, tag: tag, summary: summary(object),
            command: OperationNaming.command(method, path, pathMethods: declared), parameters: ordered, body: body,
            isDeprecated: object["deprecated"]?.boolValue ?? false)
    }

    private func summary(_ object: JSONObject) -> String {
        let text = object["summary"]?.stringValue ?? object["description"]?.stringValue ?? ""
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 100 ? String(line.prefix(99)) + "…" : line
    }

    private mutating func parameter(_ entry: JSONValue) -> OperationParameter? {
        var entry = entry
        if let ref = entry["$ref"]?.stringValue {
            guard let target = lookup(ref) else { return nil }
            entry = target
        }
        guard let name = entry["name"]?.stringValue,
            let location = entry["in"]?.stringValue.flatMap(OperationParameter.Location.init(rawValue:))
        else { return nil }
        return OperationParameter(
            name: name, location: location,
            isRequired: location == .path || entry["required"]?.boolValue == true,
            schema: entry["schema"].map { schema($0) } ?? OperationSchema())
    }

    /// The schema `value` describes, with references followed and `allOf` merged.
    mutating func schema(_ value: JSONValue) -> OperationSchema {
        guard let object = value.objectValue else { return OperationSchema() }
        if let ref = object["$ref"]?.stringValue {
            if let known = resolvedSchemas[ref] { return known }
            guard !resolving.contains(ref), let target = lookup(ref) else { return OperationSchema() }
            resolving.insert(ref)
            let resolved = schema(target)
            resolving.remove(ref)
            resolvedSchemas[ref] = resolved
            return resolved
        }
        var result = OperationSchema(kind: object["type"]?.stringValue.flatMap(OperationSchema.Kind.init(rawValue:)))
        result.allowed = object["enum"]?.arrayValue ?? []
        result.defaultValue = object["default"]
        result.nullable = object["nullable"]?.boolValue ?? false
        for (name, field) in object["properties"]?.objectValue ?? [:] {
            result.fields.append(OperationSchema.Field(name: name, schema: schema(field)))
        }
        result.required = object["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if object["additionalProperties"] == .bool(false) { result.allowsOtherFields = false }
        if let items = object["items"] { result.items = [schema(items)] }
        for key in ["oneOf", "anyOf"] {
            for alternative in object[key]?.arrayValue ?? [] { result.alternatives.append(schema(alternative)) }
        }
        for part in object["allOf"]?.arrayValue ?? [] { merge(schema(part), into: &result) }
        if result.kind == nil && !result.fields.isEmpty { result.kind = .object }
        return result
    }

    private func merge(_ part: OperationSchema, into result: inout OperationSchema) {
        result.kind = result.kind ?? part.kind
        if result.allowed.isEmpty { result.allowed = part.allowed }
        result.defaultValue = result.defaultValue ?? part.defaultValue
        for field in part.fields where result.field(field.name) == nil { result.fields.append(field) }
        result.required += part.required.filter { !result.required.contains($0) }
        result.allowsOtherFields = result.allowsOtherFields && part.allowsOtherFields
        if result.items.isEmpty { result.items = part.items }
        result.alternatives += part.alternatives
    }

    /// The value a `#/a/b/c` reference points at (`~1` and `~0` unescaped).
    private func lookup(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var current = document
        for token in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacing("~1", with: "/").replacing("~0", with: "~")
            guard let next = current[String(key)] else { return nil }
            current = next
        }
        return current
    }
}
