import EMQXJSON

extension EMQXClient {
    /// Sends one operation, built for the deployment's generation.
    ///
    /// - Parameter operation: A typed operation; the builder picks its path and body per generation.
    /// - Returns: The decoded answer.
    /// - Throws: `EMQXError`: `.unsupported` when the generation lacks the operation, or the API's refusal
    ///     (`.clientError` with its code, `.serverError`), or `.network`, `.tls`, `.timeout`, `.invalidResponse`.
    @discardableResult
    public func perform(_ operation: APIOperation) async throws(EMQXError) -> APIResponse {
        let generation = try await generation()
        return try await send(try RequestBuilder.request(for: operation, generation: generation))
    }

    /// A paged list for an operation whose request takes paging parameters.
    func pagedOperation<T: Sendable>(
        _ operation: APIOperation, pageSize: Int, transform: @escaping @Sendable (JSONValue, APIGeneration) -> T
    ) -> PagedSequence<T> {
        paged(
            pageSize: pageSize,
            build: { generation throws(EMQXError) in
                try RequestBuilder.request(for: operation, generation: generation)
            }, transform: transform)
    }
}
