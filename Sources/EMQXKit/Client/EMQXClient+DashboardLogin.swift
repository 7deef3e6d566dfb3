import EMQXJSON

extension EMQXClient {
    /// Whether EMQX serves a path to a dashboard login only: API keys are managed by the dashboard user, never by an
    /// API key.
    static func needsDashboardLogin(_ target: String) -> Bool {
        target == "/api_key" || target.hasPrefix("/api_key/") || target.hasPrefix("/api_key?")
    }

    /// `Bearer TOKEN` for a path only a dashboard login may use, when the deployment has a dashboard user.
    ///
    /// - Parameters:
    ///   - target: The request's path and query, relative to the API base.
    ///   - fresh: Log in again even when a token is kept (the kept one was refused).
    /// - Returns: The `Authorization` value, or nil when the path takes the API key (or no dashboard user is set:
    ///     the API key is sent, and EMQX's refusal explains itself).
    /// - Throws: `EMQXError`: `.unauthorized` when the login is refused, or `.network`, `.tls`, `.timeout`.
    func dashboardAuthorization(for target: String, fresh: Bool = false) async throws(EMQXError) -> String? {
        guard Self.needsDashboardLogin(target), let login = deployment.dashboardLogin else { return nil }
        if !fresh, let token = dashboardToken.withLock({ $0 }) { return "Bearer \(token)" }
        let url = deployment.baseURL.origin + deployment.baseURL.basePath + "/login"
        let body = JSONWriter.encode(["username": .string(login.appID), "password": .string(login.secret)])
        let response: TransportResponse
        do {
            response = try await transport.send(
                TransportRequest(
                    method: .post, url: url,
                    headers: [
                        HTTPHeader("Accept", "application/json"), HTTPHeader("Content-Type", "application/json"),
                        HTTPHeader("User-Agent", "emqxsh"),
                    ],
                    body: Array(body.utf8)))
        } catch {
            throw error.at(method: "POST", path: "/login")
        }
        let answer = try? JSONParser.parse(bytes: response.body)
        guard response.status == 200, let token = answer?["token"]?.stringValue else {
            let reason = [answer?["code"]?.stringValue, answer?["message"]?.stringValue].compactMap { $0 }
            throw EMQXError(
                .unauthorized,
                "the dashboard login as \(login.appID) was refused (\(response.status)"
                    + (reason.isEmpty ? "" : " " + reason.joined(separator: ": ")) + ")",
                httpStatus: response.status, apiCode: answer?["code"]?.stringValue)
        }
        dashboardToken.withLock { $0 = token }
        return "Bearer \(token)"
    }
}
