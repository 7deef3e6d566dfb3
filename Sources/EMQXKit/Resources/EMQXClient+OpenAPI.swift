public import EMQXJSON

extension EMQXClient {
    /// Where EMQX 5 serves its OpenAPI document, from the server's root (the dashboard listener).
    public static let openAPIDocumentPath = "/api-docs/swagger.json"

    /// The deployment's own OpenAPI document, or `nil` when it serves none (swagger disabled, EMQX Cloud, an older
    /// or partial server: any answer but a JSON document with `paths`).
    ///
    /// - Throws: `EMQXError` only when the server cannot be reached or refuses the credentials.
    public func openAPIDocument() async throws(EMQXError) -> JSONValue? {
        let response = try await exchange(APIRequest(.get, Self.openAPIDocumentPath), outsideBase: true)
        if response.status == 401 || response.status == 403 {
            throw EMQXError(
                .unauthorized, "the server refused the credentials for its OpenAPI document",
                httpStatus: response.status, method: "GET", path: Self.openAPIDocumentPath)
        }
        guard response.status == 200, let document = try? JSONParser.parse(bytes: response.body),
            document["paths"]?.objectValue != nil
        else { return nil }
        return document
    }

    /// The EMQX release the deployment runs (`5.8.1`), from its first node; `nil` when it does not say.
    public func release() async throws(EMQXError) -> String? {
        let nodes = try await perform(.nodes)
        return nodes.body[0]?["version"]?.stringValue
    }
}
