import Foundation
import OrderedCollections

/// What the broker keeps for one client beside its public record: its connection and its message state.
struct MQTTSession: Sendable {
    /// The live connection; nil while a persistent session waits for its client.
    var link: MQTTLink?
    var will: MQTTMessage?
    var willDelay: UInt32 = 0
    /// Counts connections, so a timer started for one connection does not act on the next.
    var generation = 0
    var nextPacketID: UInt16 = 1
    /// Outgoing QoS 1 and 2 messages not yet acknowledged (PUBACK or PUBREC).
    var inflight: OrderedDictionary<UInt16, MQTTMessage> = [:]
    /// Outgoing QoS 2 messages acknowledged by PUBREC, waiting for PUBCOMP.
    var releasing: OrderedSet<UInt16> = []
    /// Incoming QoS 2 packet identifiers routed and waiting for PUBREL.
    var awaitingRelease: Set<UInt16> = []
    /// QoS 1 and 2 messages kept while a persistent session is offline.
    var queue: [MQTTMessage] = []
    var droppedFromQueue = 0

    /// What the client APIs report of the session: unacknowledged outgoing messages, queued ones, dropped ones,
    /// and incoming QoS 2 messages waiting for PUBREL.
    var figures: Figures {
        Figures(inflight: inflight.count + releasing.count, queued: queue.count, queueDropped: droppedFromQueue,
                awaitingRelease: awaitingRelease.count)
    }

    struct Figures {
        var inflight = 0
        var queued = 0
        var queueDropped = 0
        var awaitingRelease = 0
    }

    /// EMQX's default `max_mqueue_len`.
    static let queueLimit = 1000

    mutating func takePacketID() -> UInt16 {
        repeat {
            let id = nextPacketID
            nextPacketID = nextPacketID == UInt16.max ? 1 : nextPacketID + 1
            if inflight[id] == nil && !releasing.contains(id) { return id }
        } while true
    }
}
