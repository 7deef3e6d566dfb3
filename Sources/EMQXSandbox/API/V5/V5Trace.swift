import EMQXJSON
import Foundation

/// v5 log traces: create one for a client id, topic or address; list, stop, delete; read its log by position.
extension SandboxState {
    static let traceTypes = ["clientid", "topic", "ip_address"]

    func v5ListTraces() -> SandboxResponse {
        .json(.array(traces.map { traceJSON($0.key, $0.value) }))
    }

    func v5CreateTrace(_ call: APICall) -> SandboxResponse {
        guard let name = call.body?["name"]?.stringValue, let type = call.body?["type"]?.stringValue else {
            return v5.v5Error(400, "INVALID_PARAMS", "name and type are required")
        }
        guard !name.isEmpty, name.utf8.count <= 256,
            name.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
            })
        else {
            return v5.v5Error(400, "INVALID_PARAMS", "name may hold only letters, digits, '_' and '-'")
        }
        guard Self.traceTypes.contains(type) else {
            return v5.v5Error(400, "INVALID_PARAMS", "type must be clientid, topic or ip_address")
        }
        guard let filter = call.body?[type]?.stringValue, !filter.isEmpty else {
            return v5.v5Error(400, "INVALID_PARAMS", "a \(type) trace needs \(type)")
        }
        if type == "topic" && !TopicMatcher.isValidFilter(filter) {
            return v5.v5Error(400, "INVALID_PARAMS", "\(filter) is not a topic filter")
        }
        guard traces[name] == nil else { return v5.v5Error(409, "ALREADY_EXISTS", "trace \(name) already exists") }
        let now = Date()
        if traces.values.contains(where: { $0.type == type && $0.filter == filter && $0.isRunning(at: now) }) {
            return v5.v5Error(409, "DUPLICATE_CONDITION", "a running trace already follows \(type) \(filter)")
        }
        let start = call.body?["start_at"].flatMap(Self.traceTime) ?? now
        let end = call.body?["end_at"].flatMap(Self.traceTime) ?? start.addingTimeInterval(600)
        guard end > start else { return v5.v5Error(400, "INVALID_PARAMS", "end_at must be after start_at") }
        traces[name] = TraceRecord(type: type, filter: filter, startAt: start, endAt: end)
        return .json(traceJSON(name, traces[name]!))
    }

    func v5StopTrace(_ name: String) -> SandboxResponse {
        guard traces[name] != nil else { return v5.v5Error(404, "NOT_FOUND", "trace \(name) not found") }
        traces[name]?.stopped = true
        return .json(traceJSON(name, traces[name]!))
    }

    func v5DeleteTrace(_ name: String) -> SandboxResponse {
        guard traces.removeValue(forKey: name) != nil else {
            return v5.v5Error(404, "NOT_FOUND", "trace \(name) not found")
        }
        return .noContent
    }

    func v5ClearTraces() -> SandboxResponse {
        traces.removeAll()
        return .noContent
    }

    /// `?bytes=N&position=P`: up to N bytes (default 1000) of the log from P, and where to read next.
    func v5TraceLog(_ name: String, _ call: APICall) -> SandboxResponse {
        guard let record = traces[name] else { return v5.v5Error(404, "NOT_FOUND", "trace \(name) not found") }
        var numbers: [String: Int] = ["bytes": 1000, "position": 0]
        for key in ["bytes", "position"] {
            guard let text = call.queryValue(key) else { continue }
            guard let value = Int(text), value >= 0, value <= 1 << 30 else {
                return v5.v5Error(400, "BAD_REQUEST", "\(key) must be a whole number from 0 to 2^30")
            }
            numbers[key] = value
        }
        let (text, next) = record.read(from: numbers["position"]!, bytes: numbers["bytes"]!)
        return .json([
            "items": .string(text), "meta": ["bytes": .int(Int64(text.utf8.count)), "position": .int(Int64(next))],
        ])
    }

    private func traceJSON(_ name: String, _ record: TraceRecord) -> JSONValue {
        let now = Date()
        let status = record.stopped || now >= record.endAt ? "stopped" : (now < record.startAt ? "waiting" : "running")
        var object: JSONObject = ["name": .string(name), "type": .string(record.type)]
        object[record.type] = .string(record.filter)
        object["status"] = .string(status)
        object["start_at"] = .string(Timestamps.rfc3339(record.startAt))
        object["end_at"] = .string(Timestamps.rfc3339(record.endAt))
        // One entry per node, as the 5.8.1 document's example has it.
        object["log_size"] = [["node": .string(nodeName), "size": .int(Int64(record.dropped + record.log.count))]]
        object["payload_encode"] = "text"
        object["formatter"] = "text"
        return .object(object)
    }

    /// RFC 3339 text or seconds since 1970.
    private static func traceTime(_ value: JSONValue) -> Date? {
        if let seconds = value.intValue { return Date(timeIntervalSince1970: Double(seconds)) }
        return value.stringValue.flatMap { ClientFilter.parseTime($0, .v5) }
    }
}
