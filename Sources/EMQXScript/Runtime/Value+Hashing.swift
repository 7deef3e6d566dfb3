/// A value as a member of a Swift `Set`: two are equal exactly when the script's `==` says so, and equal values hash
/// alike, so `unique` finds an item among those seen by hashing it instead of comparing it with each (a list of
/// 100,000 items took seconds).
struct HashableValue: Hashable {
    let value: Value

    static func == (a: HashableValue, b: HashableValue) -> Bool { a.value == b.value }

    func hash(into hasher: inout Hasher) { value.hashForEquality(into: &hasher) }
}

extension Value {
    /// Feeds `hasher` what `==` compares. A number is hashed as the double it equals, as `1 == 1.0`; a map's pairs
    /// in order, as its `==` compares them; a function or stream by identity; all errors alike.
    func hashForEquality(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0 as UInt8)
        case .bool(let flag):
            hasher.combine(1 as UInt8)
            hasher.combine(flag)
        case .int(let number):
            hasher.combine(2 as UInt8)
            hasher.combine(Double(number))
        case .double(let number):
            hasher.combine(2 as UInt8)
            hasher.combine(number)
        case .string(let text):
            hasher.combine(3 as UInt8)
            hasher.combine(text)
        case .list(let items):
            hasher.combine(4 as UInt8)
            hasher.combine(items.count)
            for item in items { item.hashForEquality(into: &hasher) }
        case .map(let members):
            hasher.combine(5 as UInt8)
            hasher.combine(members.count)
            for (key, member) in members.elements {
                hasher.combine(key)
                member.hashForEquality(into: &hasher)
            }
        case .function(let function):
            hasher.combine(6 as UInt8)
            hasher.combine(ObjectIdentifier(function))
        case .stream(let stream):
            hasher.combine(7 as UInt8)
            hasher.combine(ObjectIdentifier(stream))
        case .error: hasher.combine(8 as UInt8)
        }
    }
}
