import NIOCore

/// One MQTT 5 property: its identifier and a value of the type the identifier fixes.
struct MQTTProperty: Sendable, Equatable {
    var id: UInt8
    var value: Value

    enum Value: Sendable, Equatable {
        case byte(UInt8)
        case twoBytes(UInt16)
        case fourBytes(UInt32)
        case varInt(Int)
        case string(String)
        case binary([UInt8])
        case pair(String, String)
    }

    enum Kind { case byte, twoBytes, fourBytes, varInt, string, binary, pair }

    /// The value type of each property identifier MQTT 5 defines (section 2.2.2.2).
    static func kind(of id: UInt8) -> Kind? {
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

    static let payloadFormat: UInt8 = 0x01
    static let messageExpiry: UInt8 = 0x02
    static let contentType: UInt8 = 0x03
    static let responseTopic: UInt8 = 0x08
    static let correlationData: UInt8 = 0x09
    static let subscriptionIdentifier: UInt8 = 0x0B
    static let sessionExpiry: UInt8 = 0x11
    static let assignedClientID: UInt8 = 0x12
    static let authenticationMethod: UInt8 = 0x15
    static let willDelay: UInt8 = 0x18
    static let reasonString: UInt8 = 0x1F
    static let receiveMaximum: UInt8 = 0x21
    static let topicAlias: UInt8 = 0x23
    static let retainAvailable: UInt8 = 0x25
    static let userProperty: UInt8 = 0x26
    static let maximumPacketSize: UInt8 = 0x27
    static let sharedSubscriptionAvailable: UInt8 = 0x2A

    /// Properties a PUBLISH carries from publisher to subscriber unchanged.
    static let forwarded: Set<UInt8> = [
        payloadFormat, messageExpiry, contentType, responseTopic, correlationData, userProperty,
    ]
}

extension Array where Element == MQTTProperty {
    func first(_ id: UInt8) -> MQTTProperty.Value? { first { $0.id == id }?.value }

    func fourBytes(_ id: UInt8) -> UInt32? {
        if case .fourBytes(let v)? = first(id) { return v }
        return nil
    }

    func twoBytes(_ id: UInt8) -> UInt16? {
        if case .twoBytes(let v)? = first(id) { return v }
        return nil
    }
}
