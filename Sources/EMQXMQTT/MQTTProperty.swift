import NIOCore

/// One MQTT 5 property: its identifier and a value of the type the identifier fixes.
package struct MQTTProperty: Sendable, Equatable {
    package var id: UInt8
    package var value: Value

    package init(id: UInt8, value: Value) {
        self.id = id
        self.value = value
    }

    package enum Value: Sendable, Equatable {
        case byte(UInt8)
        case twoBytes(UInt16)
        case fourBytes(UInt32)
        case varInt(Int)
        case string(String)
        case binary([UInt8])
        case pair(String, String)
    }

    package enum Kind { case byte, twoBytes, fourBytes, varInt, string, binary, pair }

    /// The value type of each property identifier MQTT 5 defines (section 2.2.2.2).
    package static func kind(of id: UInt8) -> Kind? {
        switch id {
        case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A: .byte
        case 0x13, 0x21, 0x22, 0x23: .twoBytes
        case 0x02, 0x11, 0x18, 0x27: .fourBytes
        case 0x0B: .varInt
        case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F: .string
        case 0x09, 0x16: .binary
        case 0x26: .pair
        default: nil
        }
    }

    package static let payloadFormat: UInt8 = 0x01
    package static let messageExpiry: UInt8 = 0x02
    package static let contentType: UInt8 = 0x03
    package static let responseTopic: UInt8 = 0x08
    package static let correlationData: UInt8 = 0x09
    package static let subscriptionIdentifier: UInt8 = 0x0B
    package static let sessionExpiry: UInt8 = 0x11
    package static let assignedClientID: UInt8 = 0x12
    package static let authenticationMethod: UInt8 = 0x15
    package static let willDelay: UInt8 = 0x18
    package static let reasonString: UInt8 = 0x1F
    package static let receiveMaximum: UInt8 = 0x21
    package static let topicAlias: UInt8 = 0x23
    package static let retainAvailable: UInt8 = 0x25
    package static let userProperty: UInt8 = 0x26
    package static let maximumPacketSize: UInt8 = 0x27
    package static let sharedSubscriptionAvailable: UInt8 = 0x2A

    /// Properties a PUBLISH carries from publisher to subscriber unchanged.
    package static let forwarded: Set<UInt8> = [
        payloadFormat, messageExpiry, contentType, responseTopic, correlationData, userProperty,
    ]
}

extension Array where Element == MQTTProperty {
    package func first(_ id: UInt8) -> MQTTProperty.Value? { first { $0.id == id }?.value }

    package func fourBytes(_ id: UInt8) -> UInt32? {
        if case .fourBytes(let v)? = first(id) { return v }
        return nil
    }

    package func twoBytes(_ id: UInt8) -> UInt16? {
        if case .twoBytes(let v)? = first(id) { return v }
        return nil
    }
}
