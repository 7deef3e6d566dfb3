public import EMQXJSON

/// What an OpenAPI schema says about a value: its JSON type, allowed values, default and, for an object, its
/// fields and which of them are required.
///
/// Alternatives (`oneOf`/`anyOf`) are kept as such; `allOf` parts are merged into one schema when read.
public struct OperationSchema: Sendable, Hashable {
    /// A JSON type as OpenAPI names it.
    public enum Kind: String, Sendable, Hashable {
        case string, integer, number, boolean, array, object
    }

    /// The type; `nil` when the schema does not say (any value).
    public var kind: Kind?
    /// The values allowed, when the schema lists them.
    public var allowed: [JSONValue] = []
    /// The value the server assumes when the field is left out.
    public var defaultValue: JSONValue?
    /// An object's fields, in the order the document gives them.
    public var fields: [Field] = []
    /// The names of the fields an object must have.
    public var required: [String] = []
    /// Whether an object takes fields other than `fields` (true unless the document says otherwise).
    public var allowsOtherFields = true
    /// An array's element schema (one at most).
    public var items: [OperationSchema] = []
    /// `oneOf`/`anyOf`: the value must match one of these.
    public var alternatives: [OperationSchema] = []
    /// `nullable: true`.
    public var nullable = false

    /// One field of an object.
    public struct Field: Sendable, Hashable {
        /// The field's name.
        public var name: String
        /// The field's schema.
        public var schema: OperationSchema

        /// A field named `name` described by `schema`.
        public init(name: String, schema: OperationSchema) {
            self.name = name
            self.schema = schema
        }
    }

    /// A schema that accepts any value.
    public init(kind: Kind? = nil) { self.kind = kind }

    /// The schema of the field `name`, when the object declares it.
    public func field(_ name: String) -> OperationSchema? {
        fields.first { $0.name == name }?.schema
    }

    /// What a value of this schema looks like, for help and errors: `string`, `integer`, `one of: a, b`, `[string]`.
    public var expectation: String {
        if !allowed.isEmpty {
            return "one of: " + allowed.map { JSONWriter.encode($0) }.joined(separator: ", ")
        }
        if !alternatives.isEmpty {
            var seen: [String] = []
            for alternative in alternatives where !seen.contains(alternative.expectation) {
                seen.append(alternative.expectation)
            }
            return seen.joined(separator: " or ")
        }
        switch kind {
        case .array?: return "[" + (items.first?.expectation ?? "any") + "]"
        case let kind?: return kind.rawValue
        case nil: return "any"
        }
    }
}
