import EMQXJSON
import Foundation

/// An API key's record, as `/api_key` shows it (its secret is shown once, when it is made).
struct APIKeyRecord: Sendable {
    var name: String
    var key: String
    var desc: String
    var enable: Bool
    var expiredAt: Date?
    var createdAt: Date
    var role: String
}

/// v5 dashboard login and API keys: `POST /login` gives the dashboard user a token, and with it `/api_key` makes,
/// lists, changes and deletes keys, which then authenticate the API (an API key itself may not manage keys).
extension SandboxState {
    func v5Login(_ call: APICall) -> SandboxResponse {
        guard let user = call.body?["username"]?.stringValue, let password = call.body?["password"]?.stringValue,
            let token = dashboard.logIn(username: user, password: password)
        else { return v5.v5Error(401, "BAD_USERNAME_OR_PWD", "Auth failed") }
        return .json([
            "token": .string(token), "version": .string(SandboxConfiguration.release), "role": "administrator",
            "license": ["edition": "enterprise"],
        ])
    }

    func v5ListAPIKeys() -> SandboxResponse { .json(.array(apiKeys.values.map { apiKeyJSON($0, secret: nil) })) }

    func v5APIKey(_ name: String) -> SandboxResponse {
        guard let record = apiKeys[name] else { return apiKeyNotFound(name) }
        return .json(apiKeyJSON(record, secret: nil))
    }

    func v5CreateAPIKey(_ call: APICall) -> SandboxResponse {
        guard let name = call.body?["name"]?.stringValue, (1...200).contains(name.count),
            name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return v5.v5Error(400, "BAD_REQUEST", "name is 1 to 200 letters, digits, '-' and '_'") }
        guard apiKeys[name] == nil else { return v5.v5Error(400, "BAD_REQUEST", "Name Already Exists") }
        var record = APIKeyRecord(
            name: name, key: SandboxAuthenticator.randomHex(8), desc: "", enable: true, expiredAt: nil,
            createdAt: Date(), role: "administrator")
        if let problem = apply(call.body, to: &record) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        let secret = SandboxAuthenticator.randomHex(16)
        apiKeys[name] = record
        dashboard.setKey(
            record.key, DashboardAccess.Key(secret: secret, enable: record.enable, expiresAt: record.expiredAt))
        return .json(apiKeyJSON(record, secret: secret))
    }

    func v5UpdateAPIKey(_ name: String, _ call: APICall) -> SandboxResponse {
        guard var record = apiKeys[name] else { return apiKeyNotFound(name) }
        if let problem = apply(call.body, to: &record) { return v5.v5Error(400, "BAD_REQUEST", problem) }
        apiKeys[name] = record
        dashboard.updateKey(record.key, enable: record.enable, expiresAt: record.expiredAt)
        return .json(apiKeyJSON(record, secret: nil))
    }

    func v5DeleteAPIKey(_ name: String) -> SandboxResponse {
        guard let record = apiKeys.removeValue(forKey: name) else { return apiKeyNotFound(name) }
        dashboard.setKey(record.key, nil)
        return .noContent
    }

    /// `desc`, `enable` and `expired_at` (`infinity`, seconds since 1970, or RFC 3339) from a body.
    private func apply(_ body: JSONValue?, to record: inout APIKeyRecord) -> String? {
        if let desc = body?["desc"] {
            guard let text = desc.stringValue else { return "desc must be text" }
            record.desc = text
        }
        if let enable = body?["enable"] {
            guard let flag = enable.boolValue else { return "enable must be true or false" }
            record.enable = flag
        }
        switch body?["expired_at"] {
        case nil, .string("infinity")?: if body?["expired_at"] != nil { record.expiredAt = nil }
        case .int(let seconds)?: record.expiredAt = Date(timeIntervalSince1970: Double(seconds))
        case .string(let text)?:
            guard let date = ClientFilter.parseTime(text, .v5) else { return "expired_at must be a time or infinity" }
            record.expiredAt = date
        default: return "expired_at must be a time or infinity"
        }
        return nil
    }

    private func apiKeyNotFound(_ name: String) -> SandboxResponse {
        v5.v5Error(404, "NOT_FOUND", "Name NOT FOUND: \(name)")
    }

    private func apiKeyJSON(_ record: APIKeyRecord, secret: String?) -> JSONValue {
        var object: JSONObject = [
            "name": .string(record.name), "api_key": .string(record.key), "desc": .string(record.desc),
            "enable": .bool(record.enable), "role": .string(record.role),
            "expired_at": record.expiredAt.map { .string(Timestamps.rfc3339($0)) } ?? "infinity",
            "expired": .bool(record.expiredAt.map { $0 <= Date() } ?? false),
            "created_at": .string(Timestamps.rfc3339(record.createdAt)),
        ]
        if let secret { object["api_secret"] = .string(secret) }
        return .object(object)
    }
}
