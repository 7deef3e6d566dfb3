import EMQXJSON

/// The operation tables built into emqxsh, for deployments that serve no OpenAPI document of their own.
///
/// Each is read on first use only: a command that needs no operation table never pays for it.
public enum BuiltinOperations {
    /// EMQX 5's operations (from Enterprise 5.8.1's published document, facts only).
    public static let v5 = OperationTable(
        document: (try? JSONParser.parse(v5Document)) ?? .object([:]), source: .builtIn)

    /// EMQX 4.4's operations (from its HTTP API pages: methods, paths, parameter and body tables).
    public static let v4 = OperationTable(
        document: (try? JSONParser.parse(v4Document)) ?? .object([:]), source: .builtIn)
}

extension BuiltinOperations {
    /// The first word of every built-in command of either generation (`trace`, `rules`, …), known without reading
    /// a table.
    public static let groups: Set<String> = v5Groups.union(v4Groups)
}
