import EMQXJSON
import EMQXMQTT
import Foundation
import NIOCore

/// MQTT connections: CONNECT checks, session takeover and resumption, wills, and the end of a connection.
///
/// Each entry point hands what it decided (bytes for connections, closes) to the connections before it returns, so
/// every connection gets its packets in the order the broker decided them; the event loops do the I/O.
extension SandboxState {
    /// Accepts or refuses a CONNECT, answering with CONNACK; returns the link to the client the connection now serves
    /// (nil: refused).
    func mqttConnect(
        _ connect: MQTTConnect, size: Int, channel: any Channel, listener: String = "tcp:default"
    ) -> MQTTLink? {
        // A stopped listener takes no connection: closed before a CONNACK, as a closed port would refuse it.
        guard listeners[listener]?.running ?? true else { return nil }
        let link = acceptConnection(connect, size: size, channel: channel, listener: listener)
        outbox.flush()
        return link
    }

    private func acceptConnection(
        _ connect: MQTTConnect, size: Int, channel: any Channel, listener: String
    ) -> MQTTLink? {
        countPacketIn(.connect(connect), size: size)
        count("client.connect")
        count("client.authenticate")
        var clientID = connect.clientID
        var properties: [MQTTProperty] = []
        if clientID.isEmpty {
            guard connect.version == .v5 || connect.cleanStart else {
                return refuse(
                    MQTTLink(channel: channel, version: connect.version, clientID: ""),
                    MQTTReasonCode.clientIdentifierNotValid,
                    "empty client id with a persistent session")
            }
            clientID = "emqxsh-" + SandboxAuthenticator.randomHex(8)
            if connect.version == .v5 {
                properties.append(MQTTProperty(id: MQTTProperty.assignedClientID, value: .string(clientID)))
            }
        }
        let link = MQTTLink(channel: channel, version: connect.version, clientID: clientID)
        if isBanned(clientID: clientID, username: connect.username, peerhost: link.peerAddress) {
            return refuse(link, MQTTReasonCode.banned, "\(clientID) is banned")
        }
        if authenticators.isEnabled(Self.builtInAuthenticator),
            let reason = authenticationFailure(connect, clientID: clientID)
        {
            count("authentication.failure")
            count("packets.connack.auth_error")
            let why =
                reason == MQTTReasonCode.notAuthorized ? "no such authentication user" : "bad user name or password"
            return refuse(link, reason, "\(clientID): \(why)")
        }
        if let previous = sessions[clientID]?.link {
            sessions[clientID]?.link = nil
            sessions[clientID]?.will = nil
            outbox.close(
                previous, after: previous.version == .v5 ? .disconnect(code: .sessionTakenOver, properties: []) : nil)
            count("client.disconnected")
            count("session.takenover")
            count("session.takeovered")
        }
        let resumes = !connect.cleanStart && sessions[clientID] != nil && clients[clientID] != nil
        let expiry =
            connect.version == .v5
            ? Int(connect.properties.fourBytes(MQTTProperty.sessionExpiry) ?? 0) : (connect.cleanStart ? 0 : 7200)
        var client = SandboxClient(
            clientID: clientID, username: connect.username, ipAddress: link.peerAddress, port: link.peerPort,
            protocolVersion: Int(connect.version.rawValue), keepalive: Int(connect.keepalive),
            cleanStart: connect.cleanStart,
            expiryInterval: expiry)
        var session = MQTTSession()
        if resumes, let old = clients[clientID], let oldSession = sessions[clientID] {
            client.createdAt = old.createdAt
            client.subscriptions = old.subscriptions
            session = oldSession
        }
        session.link = link
        // Receive Maximum (MQTT 5): the client's own bound on unacknowledged messages, within EMQX's max_inflight.
        let receiveMaximum = connect.version == .v5 ? connect.properties.twoBytes(MQTTProperty.receiveMaximum) : nil
        session.inflightWindow = max(1, min(MQTTSession.defaultInflightWindow, Int(receiveMaximum ?? UInt16.max)))
        session.will = connect.will
        session.willDelay = connect.willDelay
        session.generation += 1
        client.listener = listener
        client.traffic.receivedPackets = 1
        client.traffic.receivedBytes = size
        clients[clientID] = client
        sessions[clientID] = session
        count("client.connected")
        count("client.connack")
        count(resumes ? "session.resumed" : "session.created")
        count(connect.username == nil ? "client.auth.anonymous" : "authentication.success")
        if connect.username == nil { count("authentication.success.anonymous") }
        send(
            .connack(sessionPresent: resumes, code: .success, properties: properties + Self.connackProperties), to: link
        )
        if resumes { handle(.resumed, for: clientID) }
        trace(
            clientID: clientID, peer: link.peerAddress, topic: nil,
            "client_connected, proto_ver: \(connect.version.rawValue), clean_start: \(connect.cleanStart), "
                + "keepalive: \(connect.keepalive)")
        return link
    }

    /// Handles packets from a connected client in order; false ends the connection.
    func mqttHandle(_ frames: [MQTTFrame], from link: MQTTLink) -> Bool {
        var goesOn = true
        for frame in frames where goesOn {
            goesOn = handle(frame, clientID: link.clientID, link: link)
        }
        outbox.flush()
        return goesOn
    }

    /// Handles one packet from a connected client; false ends the connection.
    private func handle(_ frame: MQTTFrame, clientID: String, link: MQTTLink) -> Bool {
        guard sessions[clientID]?.link === link else { return false }
        countPacketIn(frame.packet, size: frame.size)
        clients[clientID]?.traffic.receivedPackets += 1
        clients[clientID]?.traffic.receivedBytes += frame.size
        switch frame.packet {
        case .publish(let publish): return mqttPublish(publish, clientID: clientID, link: link)
        case .ack(let kind, let id, let code, _):
            handle(.acknowledgement(kind, packetID: id, code: code), for: clientID)
        case .subscribe(let id, let filters, let properties):
            mqttSubscribe(clientID: clientID, packetID: id, filters: filters, properties: properties, link: link)
        case .unsubscribe(let id, let filters, _):
            let codes = filters.map { filter -> MQTTReasonCode in
                count("client.unsubscribe")
                let had = clients[clientID]?.subscriptions.contains { $0.topic == filter } ?? false
                clients[clientID]?.subscriptions.removeAll { $0.topic == filter }
                return had ? MQTTReasonCode.success : MQTTReasonCode.noSubscriptionExisted
            }
            send(.unsuback(packetID: id, codes: codes, properties: []), to: link)
        case .pingreq:
            send(.pingresp, to: link)
        case .disconnect(let code, let properties):
            if code != MQTTReasonCode.disconnectWithWill { sessions[clientID]?.will = nil }
            if let expiry = properties.fourBytes(MQTTProperty.sessionExpiry) {
                clients[clientID]?.expiryInterval = Int(expiry)
            }
            return false
        case .auth:
            outbox.close(link, after: .disconnect(code: .badAuthenticationMethod, properties: []))
            return false
        case .connect, .connack, .suback, .unsuback, .pingresp:
            return false  // the decoder refuses these from a client
        }
        return true
    }

    /// The connection behind `link` has closed: publish the will, and end or keep the session.
    func mqttConnectionClosed(_ link: MQTTLink) {
        let clientID = link.clientID
        guard sessions[clientID]?.link === link, let session = sessions[clientID] else { return }
        sessions[clientID]?.link = nil
        count("client.disconnected")
        trace(clientID: clientID, peer: link.peerAddress, topic: nil, "client_disconnected")
        endConnection(clientID, session: session)
        outbox.flush()
    }

    /// Runs a management API call on the store, sends the MQTT traffic it caused (a publish delivered, a client
    /// kicked), and returns its answer.
    func respond(_ handler: APIHandler, to call: APICall) -> SandboxResponse {
        let response = handler(self, call)
        outbox.flush()
        return response
    }

    /// A kick from the management API: the client gets DISCONNECT 0x98 (MQTT 5) and its connection closes.
    func closeConnection(_ clientID: String) {
        guard let session = sessions[clientID], let link = session.link else { return }
        sessions[clientID]?.link = nil
        outbox.close(link, after: link.version == .v5 ? .disconnect(code: .administrativeAction, properties: []) : nil)
        if let will = session.will { publishWill(will, of: clientID) }
        sessions[clientID] = nil
    }

    private func endConnection(_ clientID: String, session: MQTTSession) {
        let expiry = clients[clientID]?.expiryInterval ?? 0
        if let will = session.will {
            sessions[clientID]?.will = nil
            let delay = min(Int(session.willDelay), expiry)
            if delay == 0 {
                publishWill(will, of: clientID)
            } else {
                scheduleWill(will, of: clientID, after: delay, generation: session.generation)
            }
        }
        guard expiry > 0 else {
            count("session.terminated")
            clients.removeValue(forKey: clientID)
            sessions.removeValue(forKey: clientID)
            return
        }
        clients[clientID]?.isConnected = false
        clients[clientID]?.disconnectedAt = Date()
        let generation = session.generation
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(expiry))
            await self?.expireSession(clientID, generation: generation)
        }
    }

    private func scheduleWill(_ will: MQTTMessage, of clientID: String, after seconds: Int, generation: Int) {
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            await self?.publishDelayedWill(will, of: clientID, generation: generation)
        }
    }

    private func publishDelayedWill(_ will: MQTTMessage, of clientID: String, generation: Int) {
        // A client that came back in time cancels its will.
        if let session = sessions[clientID], session.generation != generation || session.link != nil { return }
        publishWill(will, of: clientID)
        outbox.flush()
    }

    private func publishWill(_ will: MQTTMessage, of clientID: String) {
        let rules = authorizationRules(clientID: clientID, username: clients[clientID]?.username)
        guard
            MQTTAuthorization.allows(
                .publish, topic: will.topic, clientID: clientID, username: clients[clientID]?.username, rules: rules)
        else { return }
        var message = will
        message.publisher = clientID
        _ = route(message)
    }

    private func expireSession(_ clientID: String, generation: Int) {
        guard let session = sessions[clientID], session.generation == generation, session.link == nil else { return }
        sessions.removeValue(forKey: clientID)
        clients.removeValue(forKey: clientID)
    }

    private func refuse(_ link: MQTTLink, _ reason: MQTTReasonCode, _ why: String) -> MQTTLink? {
        log("mqtt: refused \(link.peerAddress):\(link.peerPort): \(why)")
        count("packets.connack.error")
        count("packets.connack.sent")
        count("packets.sent")
        outbox.close(link, after: .connack(sessionPresent: false, code: reason, properties: []))
        return nil
    }

    /// Why a login fails, as EMQX's built-in database answers: an unknown user is not authorized, a wrong password is a
    /// bad one.
    private func authenticationFailure(_ connect: MQTTConnect, clientID: String) -> MQTTReasonCode? {
        let password = connect.password.flatMap { String(validating: $0, as: UTF8.self) }
        let user = connect.username.flatMap { usernameUsers[$0] } ?? clientidUsers[clientID]
        guard let user else { return MQTTReasonCode.notAuthorized }
        return user.password == password ? nil : MQTTReasonCode.badUsernameOrPassword
    }

    /// A client's JSON in either generation, with its session's live figures (in flight, queued, awaiting release).
    func clientJSON(_ client: SandboxClient, _ generation: APIGeneration) -> JSONValue {
        let figures = sessions[client.clientID]?.figures ?? .init()
        switch generation {
        case .v4: return client.v4JSON(node: nodeName, session: figures)
        case .v5: return client.v5JSON(node: nodeName, session: figures)
        }
    }

    /// The rules that apply to a client, in the order EMQX checks them.
    /// Sends a packet on a connection (through the outbox), counting it.
    func send(_ packet: MQTTPacket, to link: MQTTLink) {
        let size = outbox.send(packet, to: link)
        count("packets.sent")
        count(packet.sentCounter)
        count("bytes.sent", by: Int64(size))
        if case .publish(let publish) = packet { count(Self.qosSent[publish.message.qos]) }
        // A refused connection's CONNACK is nobody's traffic, even when its client id belongs to a live session.
        let clientID = link.clientID
        guard sessions[clientID]?.link === link else { return }
        if case .publish(let publish) = packet { clients[clientID]?.traffic.sentByQoS[publish.message.qos] += 1 }
        clients[clientID]?.traffic.sentPackets += 1
        clients[clientID]?.traffic.sentBytes += size
    }

    private func countPacketIn(_ packet: MQTTPacket, size: Int) {
        count("packets.received")
        count(packet.receivedCounter)
        count("bytes.received", by: Int64(size))
    }

    static let qosSent = ["messages.qos0.sent", "messages.qos1.sent", "messages.qos2.sent"]
    static let qosReceived = ["messages.qos0.received", "messages.qos1.received", "messages.qos2.received"]

    /// What the sandbox tells an MQTT 5 client it supports.
    private static let connackProperties: [MQTTProperty] = [
        MQTTProperty(id: MQTTProperty.retainAvailable, value: .byte(1)),
        MQTTProperty(id: MQTTProperty.sharedSubscriptionAvailable, value: .byte(1)),
        MQTTProperty(
            id: MQTTProperty.maximumPacketSize, value: .fourBytes(UInt32(MQTTPacketDecoder.maximumPacketSize))),
    ]
}
