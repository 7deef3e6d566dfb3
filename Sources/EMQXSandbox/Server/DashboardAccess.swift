import Foundation
import Synchronization

/// The dashboard's side of the sandbox's access: its user's logins (bearer tokens, as EMQX 5's `POST /login` issues)
/// and the API keys created through `/api_key`, which authenticate the API as the configured key does.
final class DashboardAccess: Sendable {
    /// An API key as the API authenticates it.
    struct Key: Sendable {
        var secret: String
        var enable: Bool
        var expiresAt: Date?

        func isValid(at now: Date) -> Bool { enable && expiresAt.map { $0 > now } ?? true }
    }

    let username: String
    private let password: String
    /// Tokens issued, with when they stop working (EMQX's default token lifetime is an hour).
    private let tokens = Mutex<[String: Date]>([:])
    private let keys = Mutex<[String: Key]>([:])

    init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// A token for the dashboard user, or nil when the name or password is wrong.
    func logIn(username given: String, password attempt: String) -> String? {
        let userMatches = SandboxAuthenticator.constantTimeEqual(given, username)
        guard SandboxAuthenticator.constantTimeEqual(attempt, password) && userMatches else { return nil }
        let token = SandboxAuthenticator.randomHex(24)
        tokens.withLock { $0[token] = Date().addingTimeInterval(3600) }
        return token
    }

    /// Whether an `Authorization` header carries a live dashboard token.
    func isLoggedIn(_ authorization: String?) -> Bool {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return false }
        let token = authorization.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return tokens.withLock { $0[token].map { $0 > Date() } ?? false }
    }

    /// Whether `key:secret` is an API key created through `/api_key`, enabled and not expired.
    func acceptsKey(_ key: String, secret: String) -> Bool {
        guard let found = keys.withLock({ $0[key] }) else { return false }
        return found.isValid(at: Date()) && SandboxAuthenticator.constantTimeEqual(secret, found.secret)
    }

    func setKey(_ key: String, _ value: Key?) { keys.withLock { $0[key] = value } }

    func updateKey(_ key: String, enable: Bool, expiresAt: Date?) {
        keys.withLock { keys in
            keys[key]?.enable = enable
            keys[key]?.expiresAt = expiresAt
        }
    }
}
