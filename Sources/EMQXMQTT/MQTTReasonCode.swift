/// MQTT 5 reason codes (MQTT 5.0 §2.4), the ones a broker sends and receives; 0x00 is Success, Normal
/// Disconnection and Granted QoS 0 alike.
package enum MQTTReasonCode: UInt8, Sendable, Hashable {
    case success = 0x00
    case grantedQoS1 = 0x01
    case grantedQoS2 = 0x02
    case disconnectWithWill = 0x04
    case noMatchingSubscribers = 0x10
    case noSubscriptionExisted = 0x11
    case continueAuthentication = 0x18
    case reauthenticate = 0x19
    case unspecified = 0x80
    case malformedPacket = 0x81
    case protocolError = 0x82
    case implementationSpecific = 0x83
    case unsupportedProtocolVersion = 0x84
    case clientIdentifierNotValid = 0x85
    case badUsernameOrPassword = 0x86
    case notAuthorized = 0x87
    case serverUnavailable = 0x88
    case serverBusy = 0x89
    case banned = 0x8A
    case serverShuttingDown = 0x8B
    case badAuthenticationMethod = 0x8C
    case keepAliveTimeout = 0x8D
    case sessionTakenOver = 0x8E
    case topicFilterInvalid = 0x8F
    case topicNameInvalid = 0x90
    case packetIdentifierInUse = 0x91
    case packetIdentifierNotFound = 0x92
    case receiveMaximumExceeded = 0x93
    case topicAliasInvalid = 0x94
    case packetTooLarge = 0x95
    case messageRateTooHigh = 0x96
    case quotaExceeded = 0x97
    case administrativeAction = 0x98
    case payloadFormatInvalid = 0x99
    case retainNotSupported = 0x9A
    case qosNotSupported = 0x9B
    case useAnotherServer = 0x9C
    case serverMoved = 0x9D
    case sharedSubscriptionsNotSupported = 0x9E
    case connectionRateExceeded = 0x9F
    case maximumConnectTime = 0xA0
    case subscriptionIdentifiersNotSupported = 0xA1
    case wildcardSubscriptionsNotSupported = 0xA2

    /// The SUBACK code granting `qos`.
    package static func granted(qos: Int) -> Self {
        switch qos {
        case 1: .grantedQoS1
        case 2: .grantedQoS2
        default: .success
        }
    }

    /// Whether the code reports a failure (0x80 and above).
    package var isFailure: Bool { rawValue >= 0x80 }

    /// The reason code an MQTT 3.1.1 CONNACK return code means; nil for a code 3.1.1 does not define.
    package init?(v3ConnackReturnCode code: UInt8) {
        switch code {
        case 0: self = .success
        case 1: self = .unsupportedProtocolVersion
        case 2: self = .clientIdentifierNotValid
        case 3: self = .serverUnavailable
        case 4: self = .badUsernameOrPassword
        case 5: self = .notAuthorized
        default: return nil
        }
    }

    /// The MQTT 3.1.1 CONNACK return code that says the same (3.1.1 has six).
    package var v3ConnackReturnCode: UInt8 {
        switch self {
        case .success: 0
        case .unsupportedProtocolVersion: 1
        case .clientIdentifierNotValid: 2
        case .badUsernameOrPassword: 4
        case .notAuthorized, .banned: 5
        default: 3  // server unavailable
        }
    }
}

/// The fixed header's packet types (MQTT 5.0 §2.1.2; 3.1.1 has all but AUTH).
package enum MQTTPacketType: UInt8, Sendable {
    case connect = 1, connack, publish, puback, pubrec, pubrel, pubcomp, subscribe, suback, unsubscribe, unsuback
    case pingreq, pingresp, disconnect, auth

    /// The first byte's high nibble, with the flags this type must carry where they are fixed.
    package var fixedHeader: UInt8 {
        switch self {
        case .pubrel, .subscribe, .unsubscribe: rawValue << 4 | 0b0010
        default: rawValue << 4
        }
    }
}
