import Foundation

/// The client-list filters of both generations: v4 `_like_x`/`_gte_x` (seconds), v5 `like_x`/`gte_x` (ms or RFC 3339).
struct ClientFilter {
    var clientIDs: [String] = []
    var usernames: [String] = []
    var ipAddress: String?
    var state: String?
    var cleanStart: Bool?
    var protocolVersion: Int?
    var likeClientID: String?
    var likeUsername: String?
    var createdRange: ClosedRange<Date>?
    var connectedRange: ClosedRange<Date>?
    var conditionCount = 0

    /// v4 reports an exact count only for a single exact condition (CATALOG.md §1.3); v5 omits it for fuzzy queries.
    var isExactCount: Bool { likeClientID == nil && likeUsername == nil && conditionCount <= 1 }

    static func parse(_ r: SandboxRequest, _ generation: APIGeneration) -> Result<ClientFilter, ParameterError> {
        var f = ClientFilter()
        // 4.4 marks fuzzy filters with a leading underscore.
        let p = generation == .v4 ? "_" : ""
        f.clientIDs = r.queryValues("clientid")
        f.usernames = r.queryValues("username")
        f.ipAddress = r.queryValue("ip_address")
        f.likeClientID = r.queryValue("\(p)like_clientid")
        f.likeUsername = r.queryValue("\(p)like_username")
        if let v = r.queryValue("conn_state") {
            guard ["connected", "idle", "disconnected"].contains(v) else {
                return .failure(ParameterError(name: "conn_state", value: v))
            }
            f.state = v
        }
        if let v = r.queryValue("clean_start") {
            guard let b = Bool(v) else { return .failure(ParameterError(name: "clean_start", value: v)) }
            f.cleanStart = b
        }
        if let v = r.queryValue("proto_ver") {
            guard let n = Int(v) else { return .failure(ParameterError(name: "proto_ver", value: v)) }
            f.protocolVersion = n
        }
        for field in ["created_at", "connected_at"] {
            var low = Date.distantPast
            var high = Date.distantFuture
            for (bound, name) in [(0, "\(p)gte_\(field)"), (1, "\(p)lte_\(field)")] {
                guard let text = r.queryValue(name) else { continue }
                guard let date = parseTime(text, generation) else {
                    return .failure(ParameterError(name: name, value: text))
                }
                if bound == 0 { low = date } else { high = date }
            }
            guard low <= high else { return .failure(ParameterError(name: "\(p)gte_\(field)", value: "after lte")) }
            if low != .distantPast || high != .distantFuture {
                if field == "created_at" { f.createdRange = low...high } else { f.connectedRange = low...high }
            }
        }
        let names: Set = [
            "clientid", "username", "ip_address", "conn_state", "clean_start", "proto_ver", "node", "zone",
            "proto_name",
        ]
        f.conditionCount =
            r.query.filter { names.contains($0.name) || $0.name.contains("gte_") || $0.name.contains("lte_") }.count
        return .success(f)
    }

    /// 4.4 takes seconds; 5.x milliseconds or an RFC 3339 time.
    static func parseTime(_ text: String, _ generation: APIGeneration) -> Date? {
        let v4 = generation == .v4
        if let number = Int64(text) { return Date(timeIntervalSince1970: v4 ? Double(number) : Double(number) / 1000) }
        guard !v4 else { return nil }
        return ISO8601DateFormatter().date(from: text)
            ?? {
                let f = ISO8601DateFormatter()
                f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                return f.date(from: text)
            }()
    }

    func matches(_ c: SandboxClient) -> Bool {
        if !clientIDs.isEmpty && !clientIDs.contains(c.clientID) { return false }
        if !usernames.isEmpty && !usernames.contains(c.username ?? "") { return false }
        if let ipAddress, c.ipAddress != ipAddress { return false }
        if let state {
            let current = c.isConnected ? "connected" : "disconnected"
            if state != current { return false }
        }
        if let cleanStart, c.cleanStart != cleanStart { return false }
        if let protocolVersion, c.protocolVersion != protocolVersion { return false }
        if let likeClientID, !c.clientID.contains(likeClientID) { return false }
        if let likeUsername, !(c.username ?? "").contains(likeUsername) { return false }
        if let createdRange, !createdRange.contains(c.createdAt) { return false }
        if let connectedRange, !connectedRange.contains(c.connectedAt) { return false }
        return true
    }
}
