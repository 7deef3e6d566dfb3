import EMQXJSON
import Foundation

/// The JSON each generation uses for clients, subscriptions and bans.
extension SandboxClient {
    func v4JSON(node: String, session: MQTTSession.Figures = .init()) -> JSONValue {
        var o: JSONObject = [
            "node": .string(node), "clientid": .string(clientID), "username": username.map { .string($0) } ?? .null,
            "proto_name": "MQTT", "proto_ver": .int(Int64(protocolVersion)), "ip_address": .string(ipAddress),
            "port": .int(Int64(port)), "is_bridge": false, "connected_at": .string(Timestamps.v4(connectedAt)),
        ]
        if !isConnected, let disconnectedAt { o["disconnected_at"] = .string(Timestamps.v4(disconnectedAt)) }
        o["connected"] = .bool(isConnected)
        o["zone"] = "external"
        o["keepalive"] = .int(Int64(keepalive))
        o["clean_start"] = .bool(cleanStart)
        o["expiry_interval"] = .int(Int64(expiryInterval))
        o["created_at"] = .string(Timestamps.v4(createdAt))
        o["subscriptions_cnt"] = .int(Int64(subscriptions.count))
        o["max_subscriptions"] = 0
        o["inflight"] = .int(Int64(session.inflight))
        o["max_inflight"] = 32
        o["mqueue_len"] = .int(Int64(session.queued))
        o["max_mqueue"] = 1000
        o["mqueue_dropped"] = .int(Int64(session.queueDropped))
        o["awaiting_rel"] = .int(Int64(session.awaitingRelease))
        o["max_awaiting_rel"] = 100
        o["recv_oct"] = .int(Int64(traffic.receivedBytes))
        o["recv_cnt"] = .int(Int64(traffic.receivedPackets))
        o["recv_pkt"] = .int(Int64(traffic.receivedPackets))
        o["recv_msg"] = .int(Int64(receivedMessages))
        o["send_oct"] = .int(Int64(traffic.sentBytes))
        o["send_cnt"] = .int(Int64(traffic.sentPackets))
        o["send_pkt"] = .int(Int64(traffic.sentPackets))
        o["send_msg"] = .int(Int64(sentMessages))
        o["mailbox_len"] = 0
        o["heap_size"] = 376
        o["reductions"] = 3214
        return .object(o)
    }

    func v5JSON(node: String, session: MQTTSession.Figures = .init()) -> JSONValue {
        var o: JSONObject = [
            "awaiting_rel_cnt": .int(Int64(session.awaitingRelease)), "awaiting_rel_max": 100,
            "clean_start": .bool(cleanStart),
            "clientid": .string(clientID), "connected": .bool(isConnected),
            "connected_at": .string(Timestamps.rfc3339(connectedAt)),
            "created_at": .string(Timestamps.rfc3339(createdAt)),
        ]
        if let disconnectedAt, !isConnected { o["disconnected_at"] = .string(Timestamps.rfc3339(disconnectedAt)) }
        o["durable"] = false
        o["expiry_interval"] = .int(Int64(expiryInterval))
        o["heap_size"] = 376
        o["inflight_cnt"] = .int(Int64(session.inflight))
        o["inflight_max"] = 32
        o["ip_address"] = .string(ipAddress)
        o["is_bridge"] = false
        o["is_expired"] = false
        o["is_persistent"] = false
        o["keepalive"] = .int(Int64(keepalive))
        o["listener"] = .string(listener)
        o["mailbox_len"] = 0
        o["mqueue_dropped"] = .int(Int64(session.queueDropped))
        o["mqueue_len"] = .int(Int64(session.queued))
        o["mqueue_max"] = 1000
        o["node"] = .string(node)
        o["port"] = .int(Int64(port))
        o["proto_name"] = "MQTT"
        o["proto_ver"] = .int(Int64(protocolVersion))
        o["recv_cnt"] = .int(Int64(traffic.receivedPackets))
        o["recv_msg"] = .int(Int64(receivedMessages))
        o["recv_msg.dropped"] = 0
        o["recv_msg.dropped.await_pubrel_timeout"] = 0
        o["recv_msg.qos0"] = .int(Int64(traffic.receivedByQoS[0]))
        o["recv_msg.qos1"] = .int(Int64(traffic.receivedByQoS[1]))
        o["recv_msg.qos2"] = .int(Int64(traffic.receivedByQoS[2]))
        o["recv_oct"] = .int(Int64(traffic.receivedBytes))
        o["recv_pkt"] = .int(Int64(traffic.receivedPackets))
        o["reductions"] = 3214
        o["send_cnt"] = .int(Int64(traffic.sentPackets))
        o["send_msg"] = .int(Int64(sentMessages))
        o["send_msg.dropped"] = 0
        o["send_msg.dropped.expired"] = 0
        o["send_msg.dropped.queue_full"] = 0
        o["send_msg.dropped.too_large"] = 0
        o["send_msg.qos0"] = .int(Int64(traffic.sentByQoS[0]))
        o["send_msg.qos1"] = .int(Int64(traffic.sentByQoS[1]))
        o["send_msg.qos2"] = .int(Int64(traffic.sentByQoS[2]))
        o["send_oct"] = .int(Int64(traffic.sentBytes))
        o["send_pkt"] = .int(Int64(traffic.sentPackets))
        o["subscriptions_cnt"] = .int(Int64(subscriptions.count))
        o["subscriptions_max"] = "infinity"
        o["username"] = username.map { .string($0) } ?? .null
        o["mountpoint"] = .null
        return .object(o)
    }
}

enum Render {
    static func subscription(
        _ clientID: String, _ s: SandboxSubscription, node: String, _ generation: APIGeneration
    ) -> JSONValue {
        if generation == .v4 {
            return [
                "node": .string(node), "clientid": .string(clientID), "topic": .string(s.topic),
                "qos": .int(Int64(s.qos)),
            ]
        }
        return [
            "node": .string(node), "topic": .string(s.topic), "clientid": .string(clientID), "qos": .int(Int64(s.qos)),
            "nl": .int(s.noLocal ? 1 : 0), "rap": .int(s.retainAsPublished ? 1 : 0),
            "rh": .int(Int64(s.retainHandling)),
            "durable": false,
        ]
    }

    /// 4.4 writes times as seconds since 1970, 5.x as RFC 3339.
    static func ban(_ ban: BanRecord, _ generation: APIGeneration) -> JSONValue {
        func time(_ date: Date) -> JSONValue {
            generation == .v4 ? .int(date.unixSeconds) : .string(Timestamps.rfc3339(date))
        }
        let until: JSONValue = ban.until.map(time) ?? "infinity"
        let at = time(ban.at)
        return [
            "who": .string(ban.who), "as": .string(ban.kind), "reason": .string(ban.reason), "by": .string(ban.by),
            "at": at, "until": until,
        ]
    }
}
