/// A path or query parameter of an operation.
public struct OperationParameter: Sendable, Hashable {
    /// Where the parameter goes.
    public enum Location: String, Sendable, Hashable {
        case path, query
    }

    /// The parameter's name as the API spells it (`clientid`, `_page`).
    public var name: String
    /// Path or query.
    public var location: Location
    /// Whether a request must carry it (path parameters always must).
    public var isRequired: Bool
    /// Its type, allowed values and default.
    public var schema: OperationSchema

    /// A parameter as the document declares it.
    public init(name: String, location: Location, isRequired: Bool, schema: OperationSchema) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.schema = schema
    }
}
