import EMQXMQTT
import Foundation

/// MQTT traffic: publishes in, deliveries out, subscriptions and retained messages.
extension SandboxState {
    /// A PUBLISH from a client: checked, routed, and acknowledged as its QoS requires.
    func mqttPublish(_ publish: MQTTPublish, clientID: String, link: MQTTLink) -> Bool {
        var message = publish.message
        message.publisher = clientID
        let isV5 = link.version == .v5
        if message.properties.contains(where: { $0.id == MQTTProperty.topicAlias }) {
            // The sandbox announces no Topic Alias Maximum, so a client may not use aliases.
            outbox.close(link, after: .disconnect(code: .topicAliasInvalid, properties: []))
            return false
        }
        guard TopicMatcher.isValidName(message.topic) else {
            log("mqtt: \(clientID) published to invalid topic \(message.topic.debugDescription); closing")
            outbox.close(link, after: isV5 ? .disconnect(code: .topicNameInvalid, properties: []) : nil)
            return false
        }
        message.properties = message.properties.filter { MQTTProperty.forwarded.contains($0.id) }
        if !traces.isEmpty {
            let payload = String(decoding: message.payload.prefix(1024), as: UTF8.self)
            trace(
                clientID: clientID, peer: link.peerAddress, topic: message.topic,
                "mqtt_packet_received, packet: PUBLISH(Q\(message.qos), R\(message.retain ? 1 : 0), "
                    + "Topic=\(message.topic), PacketId=\(publish.packetID.map(String.init) ?? "undefined"), "
                    + "Payload=\(payload))")
        }
        let username = clients[clientID]?.username
        clients[clientID]?.receivedMessages += 1
        clients[clientID]?.traffic.receivedByQoS[message.qos] += 1
        count(Self.qosReceived[message.qos])
        let allowed =
            isSuperuser(username)
            || MQTTAuthorization.allows(
                .publish, topic: message.topic, clientID: clientID, username: username,
                rules: authorizationRules(clientID: clientID, username: username))
        var code = MQTTReasonCode.success
        count(allowed ? "authorization.allow" : "authorization.deny")
        count("client.authorize")
        count("client.check_acl")
        if !allowed {
            count("packets.publish.auth_error")
            count("messages.dropped")
            code = MQTTReasonCode.notAuthorized
        } else if message.qos == 2, let id = publish.packetID, sessions[clientID]?.isAwaitingRelease(id) == true {
            // A resent QoS 2 message was routed the first time.
        } else if route(message) == 0 {
            code = MQTTReasonCode.noMatchingSubscribers
        }
        guard let id = publish.packetID else { return true }
        if message.qos == 2, allowed { sessions[clientID]?.awaitRelease(id) }
        // MQTT 3.1.1 has no reason codes: its acknowledgements only say "received".
        let reply = isV5 ? code : MQTTReasonCode.success
        send(.ack(message.qos == 1 ? .puback : .pubrec, packetID: id, code: reply, properties: []), to: link)
        return true
    }

    /// A SUBSCRIBE from a client: each filter checked and added, SUBACK, then the retained messages it asks for.
    func mqttSubscribe(
        clientID: String, packetID: UInt16, filters: [MQTTSubscription], properties: [MQTTProperty], link: MQTTLink
    ) {
        let username = clients[clientID]?.username
        var identifier: Int?
        if case .varInt(let value)? = properties.first(MQTTProperty.subscriptionIdentifier) { identifier = value }
        var accepted: [(SandboxSubscription, isNew: Bool)] = []
        // What the client holds already, counted once per packet and kept up to date below.
        var held = clients[clientID]?.subscriptions.count ?? 0
        var heldBytes = clients[clientID]?.subscriptions.reduce(0) { $0 + $1.topic.utf8.count } ?? 0
        let codes = filters.map { request -> MQTTReasonCode in
            guard TopicMatcher.isValidFilter(request.filter) else { return MQTTReasonCode.topicFilterInvalid }
            if let refusal = zoneRefusal(of: request.filter) { return refusal }
            let allowed =
                isSuperuser(username)
                || MQTTAuthorization.allows(
                    .subscribe, topic: request.filter, clientID: clientID, username: username,
                    rules: authorizationRules(clientID: clientID, username: username))
            count(allowed ? "authorization.allow" : "authorization.deny")
            count("client.authorize")
            count("client.check_acl")
            guard allowed else {
                count("packets.subscribe.auth_error")
                return MQTTReasonCode.notAuthorized
            }
            count("client.subscribe")
            let replaces = clients[clientID]?.subscriptions.contains { $0.topic == request.filter } ?? false
            if !replaces {
                let bytes = request.filter.utf8.count
                guard held < limits.subscriptionsPerClient, heldBytes + bytes <= limits.subscriptionBytesPerClient
                else {
                    return MQTTReasonCode.quotaExceeded
                }
                held += 1
                heldBytes += bytes
            }
            var subscription = SandboxSubscription(
                topic: request.filter, qos: request.qos, noLocal: request.noLocal,
                retainAsPublished: request.retainAsPublished, retainHandling: request.retainHandling)
            subscription.identifier = identifier
            accepted.append((subscription, addSubscription(subscription, for: clientID)))
            return .granted(qos: request.qos)
        }
        send(.suback(packetID: packetID, codes: codes, properties: []), to: link)
        for (subscription, isNew) in accepted { sendRetained(to: clientID, for: subscription, isNew: isNew) }
    }

    /// Adds or replaces a subscription; true when the filter is new for this client.
    @discardableResult
    func addSubscription(_ subscription: SandboxSubscription, for clientID: String) -> Bool {
        let existed = clients[clientID]?.subscriptions.contains { $0.topic == subscription.topic } ?? false
        clients[clientID]?.subscriptions.removeAll { $0.topic == subscription.topic }
        clients[clientID]?.subscriptions.append(subscription)
        return !existed
    }

    /// Sends the retained messages a new subscription matches, as Retain Handling asks.
    func sendRetained(to clientID: String, for subscription: SandboxSubscription, isNew: Bool) {
        guard subscription.share == nil, subscription.retainHandling == 0 || (subscription.retainHandling == 1 && isNew)
        else { return }
        for message in retained.matching(subscription.topic) {
            deliver(message, to: clientID, through: subscription, retainFlag: true)
        }
    }

    /// Keeps (or, with an empty payload, clears) a topic's retained message; one that does not fit is dropped.
    func retain(_ message: MQTTMessage) {
        guard retained.keep(message) else { return count("messages.dropped") }
        if !message.payload.isEmpty { count("messages.retained") }
    }

    /// Routes a message as an API publish does and sends the deliveries it causes; returns how many received it.
    func publish(_ message: MQTTMessage) -> Int {
        let receivers = route(message)
        outbox.flush()
        return receivers
    }

    /// Routes a message to every matching subscription (one member per shared group); returns how many received it.
    func route(_ incoming: MQTTMessage) -> Int {
        var message = incoming
        if message.receivedAt == nil { message.receivedAt = .now }
        if holdsDelayed(message) { return 0 }
        count("messages.received")
        count("messages.publish")
        if message.retain && zoneSetting("retain_available") != false { retain(message) }
        var receivers = 0
        var groups: [String: [(String, SandboxSubscription)]] = [:]
        // By index, reading only what routing needs: copying whole client records per message costs.
        for index in clients.values.indices {
            let id = clients.keys[index]
            let isConnected = clients.values[index].isConnected
            guard isConnected || sessions[id] != nil else { continue }
            var best: SandboxSubscription?
            for subscription in clients.values[index].subscriptions
            where TopicMatcher.matches(filter: subscription.topic, topic: message.topic) {
                if let share = subscription.share {
                    if isConnected { groups["\(share.group)/\(share.filter)", default: []].append((id, subscription)) }
                } else if !(subscription.noLocal && message.publisher == id), subscription.qos >= (best?.qos ?? -1) {
                    best = subscription
                }
            }
            if let best {
                deliver(message, to: id, through: best, retainFlag: message.retain && best.retainAsPublished)
                receivers += 1
            }
        }
        for key in groups.keys.sorted() {
            guard let members = groups[key], !members.isEmpty else { continue }
            let turn = sharedCursor[key, default: 0] % members.count
            sharedCursor[key] = turn + 1
            deliver(message, to: members[turn].0, through: members[turn].1, retainFlag: false)
            receivers += 1
        }
        if receivers == 0 {
            count("messages.dropped")
            count("messages.dropped.no_subscribers")
        }
        if !topicMetrics.isEmpty { countTopicMetrics(message, receivers: receivers) }
        return receivers
    }

    /// Sends one message to one client, or queues it while a persistent session is offline.
    /// `retainFlag` is set for retained messages a subscription replays, and kept on routed ones only with Retain As
    /// Published.
    private func deliver(
        _ message: MQTTMessage, to clientID: String, through subscription: SandboxSubscription, retainFlag: Bool
    ) {
        var outgoing = message
        outgoing.qos = min(message.qos, subscription.qos)
        outgoing.retain = retainFlag
        if let identifier = subscription.identifier {
            outgoing.properties.append(
                MQTTProperty(id: MQTTProperty.subscriptionIdentifier, value: .varInt(identifier)))
        }
        delivered.record(
            DeliveredMessage(
                clientID: clientID, topic: message.topic, payload: message.payload, qos: outgoing.qos,
                retain: outgoing.retain))
        clients[clientID]?.sentMessages += 1
        if !topicMetrics.isEmpty { countTopicDelivery(message.topic, qos: outgoing.qos) }
        count("messages.sent")
        count("messages.delivered")
        let writable = sessions[clientID]?.link?.isWritable ?? false
        handle(.deliver(outgoing, writable: writable), for: clientID)
    }

    /// Gives an event to a client's session state machine and carries out what it asks: packets to send on its
    /// connection (through the outbox), and the counters EMQX keeps.
    func handle(_ event: MQTTSession.Event, for clientID: String) {
        guard let actions = sessions[clientID]?.handle(event) else { return }
        for action in actions {
            switch action {
            case .send(let packet):
                if let link = sessions[clientID]?.link { send(packet, to: link) }
            case .acknowledged: count("messages.acked")
            case .received(let message): noteDeliveryTime(message, to: clientID)
            case .unknownAcknowledgement(let kind):
                count(kind == .puback ? "packets.puback.missed" : "packets.pubcomp.missed")
            case .droppedFromQueue:
                count("delivery.dropped")
                count("delivery.dropped.queue_full")
            case .droppedQoS0:
                count("delivery.dropped")
                count("delivery.dropped.qos0_msg")
            }
        }
    }
}
