import EMQXMQTT
import Foundation
import OrderedCollections

/// One client's MQTT session as a state machine: it takes events (a message routed to it, an acknowledgement from
/// its client, a new connection) and returns actions (packets to send, what was acknowledged, queued or dropped).
/// It does no I/O: the broker turns its actions into bytes for the connection side to write.
struct MQTTSession: Sendable {
    /// The connection serving the session; nil while a persistent session waits for its client.
    var link: MQTTLink?
    var will: MQTTMessage?
    var willDelay: UInt32 = 0
    /// Counts connections, so a timer started for one connection does not act on the next.
    var generation = 0
    private var nextPacketID: UInt16 = 1
    /// Outgoing QoS 1 and 2 messages not yet acknowledged (PUBACK or PUBREC).
    private(set) var inflight: OrderedDictionary<UInt16, MQTTMessage> = [:]
    /// Outgoing QoS 2 messages acknowledged by PUBREC, waiting for PUBCOMP.
    private(set) var releasing: OrderedSet<UInt16> = []
    /// Incoming QoS 2 packet identifiers routed and waiting for PUBREL.
    private(set) var awaitingRelease: Set<UInt16> = []
    /// QoS 1 and 2 messages kept while a persistent session is offline, or while the in-flight window is full.
    private(set) var queue: [MQTTMessage] = []
    /// How many QoS 1 and 2 messages may await acknowledgement at once: EMQX's `max_inflight` (32), or less when
    /// the client's Receive Maximum asks. Packet identifiers can therefore never run out.
    var inflightWindow = MQTTSession.defaultInflightWindow
    private(set) var droppedFromQueue = 0

    /// EMQX's default `max_mqueue_len`.
    static let queueLimit = 1000
    /// EMQX's default `max_inflight`.
    static let defaultInflightWindow = 32

    /// What happens to a session.
    enum Event: Sendable {
        /// A message routed to the session, at the QoS its subscription grants; `writable` is false while the
        /// connection's reader falls behind.
        case deliver(MQTTMessage, writable: Bool)
        /// PUBACK, PUBREC, PUBREL or PUBCOMP from the client.
        case acknowledgement(MQTTAckKind, packetID: UInt16, code: MQTTReasonCode)
        /// A new connection took the session over.
        case resumed
    }

    /// What the session asks of the broker, in order.
    enum Action: Sendable, Equatable {
        /// Send this packet on the session's connection.
        case send(MQTTPacket)
        /// An outgoing QoS 1 or 2 exchange completed.
        case acknowledged
        /// The client has this QoS 1 or 2 message (its PUBACK or PUBREC came): when slow subscriptions measure.
        case received(MQTTMessage)
        /// An acknowledgement for a packet identifier the session does not know.
        case unknownAcknowledgement(MQTTAckKind)
        /// The queue was full: its oldest message was dropped.
        case droppedFromQueue
        /// A QoS 0 message the connection cannot take now, or that an offline session does not keep.
        case droppedQoS0
    }

    /// Takes one event and returns what to do.
    mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .deliver(let message, let writable): return deliver(message, writable: writable)
        case .acknowledgement(let kind, let id, let code): return acknowledge(kind, id, code)
        case .resumed:
            // Unacknowledged messages again (DUP), pending releases, then what was queued offline.
            var actions = inflight.map {
                Action.send(.publish(MQTTPublish(message: $1, packetID: $0, duplicate: true)))
            }
            actions += releasing.map { .send(.ack(.pubrel, packetID: $0, code: .success, properties: [])) }
            return actions + sendQueued()
        }
    }

    /// Whether an incoming QoS 2 message with this identifier was routed already (the client sent it again).
    func isAwaitingRelease(_ packetID: UInt16) -> Bool { awaitingRelease.contains(packetID) }

    /// Notes an incoming QoS 2 message routed, until its PUBREL.
    mutating func awaitRelease(_ packetID: UInt16) { awaitingRelease.insert(packetID) }

    private mutating func deliver(_ message: MQTTMessage, writable: Bool) -> [Action] {
        if message.qos == 0 {
            // An offline session keeps no QoS 0 message; a reader that cannot keep up loses them rather than
            // growing the broker's memory.
            guard link != nil else { return [] }
            return writable ? [.send(.publish(MQTTPublish(message: message)))] : [.droppedQoS0]
        }
        // Offline, or a client that has not acknowledged a window's worth yet: QoS 1 and 2 wait in the bounded queue.
        guard link != nil, hasInflightRoom else { return enqueue(message) ? [.droppedFromQueue] : [] }
        return [.send(.publish(MQTTPublish(message: message, packetID: takeInflight(message))))]
    }

    private mutating func acknowledge(_ kind: MQTTAckKind, _ id: UInt16, _ code: MQTTReasonCode) -> [Action] {
        switch kind {
        case .puback:
            guard let message = inflight.removeValue(forKey: id) else {
                return [.unknownAcknowledgement(.puback)] + sendQueued()
            }
            return [.received(message), .acknowledged] + sendQueued()
        case .pubrec:
            let message = inflight.removeValue(forKey: id)
            // A PUBREC with an error code ends the exchange (MQTT 5, 4.3.3).
            guard !code.isFailure else { return [] }
            guard let message else {
                return [.send(.ack(.pubrel, packetID: id, code: .packetIdentifierNotFound, properties: []))]
            }
            releasing.append(id)
            return [.received(message), .send(.ack(.pubrel, packetID: id, code: .success, properties: []))]
        case .pubrel:
            let known = awaitingRelease.remove(id) != nil
            return [
                .send(.ack(.pubcomp, packetID: id, code: known ? .success : .packetIdentifierNotFound, properties: []))
            ]
        case .pubcomp:
            let known = releasing.remove(id) != nil
            return [known ? .acknowledged : .unknownAcknowledgement(.pubcomp)] + sendQueued()
        }
    }

    /// Sends queued messages while the in-flight window has room.
    private mutating func sendQueued() -> [Action] {
        guard link != nil else { return [] }
        var actions: [Action] = []
        while hasInflightRoom, !queue.isEmpty {
            let message = queue.removeFirst()
            actions.append(.send(.publish(MQTTPublish(message: message, packetID: takeInflight(message)))))
        }
        return actions
    }

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

    /// Whether another QoS 1 or 2 message may be sent now.
    var hasInflightRoom: Bool { inflight.count + releasing.count < inflightWindow }

    /// Keeps a message for later, dropping the oldest past `queueLimit`; returns whether one was dropped.
    private mutating func enqueue(_ message: MQTTMessage) -> Bool {
        queue.append(message)
        guard queue.count > Self.queueLimit else { return false }
        queue.removeFirst()
        droppedFromQueue += 1
        return true
    }

    /// Puts a message in flight under a packet identifier not in use; the in-flight window (at most 65,535) leaves
    /// one free.
    private mutating func takeInflight(_ message: MQTTMessage) -> UInt16 {
        precondition(inflight.count + releasing.count < Int(UInt16.max), "the in-flight window keeps identifiers free")
        while true {
            let id = nextPacketID
            nextPacketID = nextPacketID == UInt16.max ? 1 : nextPacketID + 1
            if inflight[id] == nil && !releasing.contains(id) {
                inflight[id] = message
                return id
            }
        }
    }
}
