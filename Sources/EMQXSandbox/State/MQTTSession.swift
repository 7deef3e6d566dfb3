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
    /// QoS 1 and 2 messages kept while a persistent session is offline, or while the in-flight window is full.
    var queue: [MQTTMessage] = []
    /// How many QoS 1 and 2 messages may await acknowledgement at once: EMQX's `max_inflight` (32), or less when
    /// the client's Receive Maximum asks. Packet identifiers can therefore never run out.
    var inflightWindow = MQTTSession.defaultInflightWindow
    var droppedFromQueue = 0

    /// What the client APIs report of the session: unacknowledged outgoing messages, queued ones, dropped ones,
    /// and incoming QoS 2 messages waiting for PUBREL.
    var figures: Figures {
        Figures(
            inflight: inflight.count + releasing.count, queued: queue.count, queueDropped: droppedFromQueue,
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
    /// EMQX's default `max_inflight`.
    static let defaultInflightWindow = 32

    /// Whether another QoS 1 or 2 message may be sent now.
    var hasInflightRoom: Bool { inflight.count + releasing.count < inflightWindow }

    /// Keeps a message for later, dropping the oldest past `queueLimit`; returns whether one was dropped.
    mutating func enqueue(_ message: MQTTMessage) -> Bool {
        queue.append(message)
        guard queue.count > Self.queueLimit else { return false }
        queue.removeFirst()
        droppedFromQueue += 1
        return true
    }

    /// A packet identifier not in use; the in-flight window (at most 65,535) leaves one free.
    mutating func takePacketID() -> UInt16 {
        precondition(inflight.count + releasing.count < Int(UInt16.max), "the in-flight window keeps identifiers free")
        repeat {
            let id = nextPacketID
            nextPacketID = nextPacketID == UInt16.max ? 1 : nextPacketID + 1
            if inflight[id] == nil && !releasing.contains(id) { return id }
        } while true
    }
}
