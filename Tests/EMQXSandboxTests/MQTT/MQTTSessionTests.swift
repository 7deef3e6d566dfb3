import EMQXMQTT
import NIOCore
import NIOEmbedded
import Testing

@testable import EMQXSandbox

/// The session state machine on its own: events in, actions out, no socket.
@Suite struct MQTTSessionTests {
    static func message(_ topic: String, qos: Int) -> MQTTMessage {
        MQTTMessage(topic: topic, payload: Array(topic.utf8), qos: qos, retain: false)
    }

    /// A session with a connection (an embedded channel: nothing is written to it here).
    static func connected(window: Int = MQTTSession.defaultInflightWindow) -> MQTTSession {
        var session = MQTTSession()
        session.link = MQTTLink(channel: EmbeddedChannel(), version: .v5, clientID: "c")
        session.inflightWindow = window
        return session
    }

    static func sentIDs(_ actions: [MQTTSession.Action]) -> [UInt16?] {
        actions.compactMap {
            guard case .send(.publish(let publish)) = $0 else { return nil }
            return publish.packetID
        }
    }

    @Test func qos0GoesOutWhenWritableAndIsDroppedWhenNot() {
        var session = Self.connected()
        #expect(
            session.handle(.deliver(Self.message("a", qos: 0), writable: true)) == [
                .send(.publish(MQTTPublish(message: Self.message("a", qos: 0))))
            ])
        #expect(session.handle(.deliver(Self.message("a", qos: 0), writable: false)) == [.droppedQoS0])
        var offline = MQTTSession()
        #expect(offline.handle(.deliver(Self.message("a", qos: 0), writable: true)) == [])
    }

    @Test func theInflightWindowQueuesAndAnAcknowledgementReleasesTheNext() {
        var session = Self.connected(window: 2)
        var ids: [UInt16?] = []
        for index in 0..<4 {
            ids += Self.sentIDs(session.handle(.deliver(Self.message("t\(index)", qos: 1), writable: true)))
        }
        #expect(ids == [1, 2])
        #expect(session.figures.inflight == 2 && session.figures.queued == 2)
        let after = session.handle(.acknowledgement(.puback, packetID: 1, code: .success))
        #expect(after.prefix(2) == [.received(Self.message("t0", qos: 1)), .acknowledged], "the receiver has t0")
        #expect(Self.sentIDs(after) == [3])
        #expect(
            session.handle(.acknowledgement(.puback, packetID: 99, code: .success)).first
                == .unknownAcknowledgement(.puback))
    }

    @Test func qos2GoesThroughRecRelComp() {
        var session = Self.connected()
        #expect(Self.sentIDs(session.handle(.deliver(Self.message("q2", qos: 2), writable: true))) == [1])
        #expect(
            session.handle(.acknowledgement(.pubrec, packetID: 1, code: .success)) == [
                .received(Self.message("q2", qos: 2)),
                .send(.ack(.pubrel, packetID: 1, code: .success, properties: [])),
            ])
        #expect(session.figures.inflight == 1)
        #expect(session.handle(.acknowledgement(.pubcomp, packetID: 1, code: .success)) == [.acknowledged])
        #expect(session.figures.inflight == 0)
        // A PUBREC with an error code ends the exchange: no PUBREL.
        _ = session.handle(.deliver(Self.message("q2", qos: 2), writable: true))
        #expect(session.handle(.acknowledgement(.pubrec, packetID: 2, code: .quotaExceeded)) == [])
        #expect(session.figures.inflight == 0)
    }

    @Test func anIncomingQoS2MessageIsReleasedOnce() {
        var session = Self.connected()
        session.awaitRelease(7)
        #expect(session.isAwaitingRelease(7))
        #expect(
            session.handle(.acknowledgement(.pubrel, packetID: 7, code: .success)) == [
                .send(.ack(.pubcomp, packetID: 7, code: .success, properties: []))
            ])
        #expect(
            session.handle(.acknowledgement(.pubrel, packetID: 7, code: .success)) == [
                .send(.ack(.pubcomp, packetID: 7, code: .packetIdentifierNotFound, properties: []))
            ])
    }

    @Test func anOfflineSessionQueuesWithinItsLimitAndResumesInOrder() {
        var session = MQTTSession()
        var dropped = 0
        for index in 0..<(MQTTSession.queueLimit + 3) {
            dropped += session.handle(.deliver(Self.message("m\(index)", qos: 1), writable: true)).count
        }
        #expect(dropped == 3)
        #expect(session.figures.queued == MQTTSession.queueLimit && session.figures.queueDropped == 3)
        session.link = Self.connected().link
        let resumed = session.handle(.resumed)
        #expect(resumed.count == MQTTSession.defaultInflightWindow)
        guard case .send(.publish(let first))? = resumed.first else {
            Issue.record("the first action sends a message")
            return
        }
        #expect(first.message.topic == "m3")  // the three oldest were dropped
    }

    @Test func aResumedSessionResendsWhatIsUnacknowledgedAsDuplicates() {
        var session = Self.connected()
        _ = session.handle(.deliver(Self.message("a", qos: 1), writable: true))
        _ = session.handle(.deliver(Self.message("b", qos: 2), writable: true))
        _ = session.handle(.acknowledgement(.pubrec, packetID: 2, code: .success))
        let resumed = session.handle(.resumed)
        #expect(
            resumed == [
                .send(.publish(MQTTPublish(message: Self.message("a", qos: 1), packetID: 1, duplicate: true))),
                .send(.ack(.pubrel, packetID: 2, code: .success, properties: [])),
            ])
    }
}
