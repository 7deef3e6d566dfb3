// How an `OrderedMap` is walked, compared, hashed, written as a literal and shown.

extension OrderedMap: Sequence {
    /// Walks the pairs in order.
    @inlinable public func makeIterator() -> Elements.Iterator { elements.makeIterator() }
    @inlinable public var underestimatedCount: Int { count }
}

extension OrderedMap {
    /// The key/value pairs of a map by position.
    public struct Elements: RandomAccessCollection {
        @usableFromInline let map: OrderedMap

        @inlinable init(map: OrderedMap) { self.map = map }

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { map.storedKeys.count }
        @inlinable public subscript(position: Int) -> (key: String, value: Value) {
            (map.storedKeys[position], map.storedValues[position])
        }
    }
}

extension OrderedMap: ExpressibleByDictionaryLiteral {
    /// A map of the literal's pairs in order; a key written twice keeps its first place and its last value.
    @inlinable public init(dictionaryLiteral elements: (String, Value)...) {
        self.init(elements, uniquingKeysWith: { _, last in last })
    }
}

extension OrderedMap: Equatable where Value: Equatable {
    /// Equal when they hold the same keys in the same order, with equal values.
    @inlinable public static func == (a: Self, b: Self) -> Bool {
        let (a, b) = (a.withoutHoles, b.withoutHoles)
        return a.storedKeys == b.storedKeys && a.storedValues == b.storedValues
    }
}

extension OrderedMap: Hashable where Value: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (key, value) in self {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

extension OrderedMap: CustomStringConvertible {
    public var description: String {
        "[" + zip(keys, values).map { "\($0.debugDescription): \($1)" }.joined(separator: ", ") + "]"
    }
}
