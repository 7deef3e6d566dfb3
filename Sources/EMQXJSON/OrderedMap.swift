/// A map from string keys to values that keeps its keys in the order they were first written: a JSON object, and
/// the language's map.
///
/// Keys and values live in two arrays in insertion order. Past `linearLimit` keys, a hash table of 64-bit slots
/// finds them: each slot holds the top 32 bits of its key's hash and the key's position, so a probe compares
/// hashes and touches a key only when they agree, and growing the table never hashes a key again (a key's bucket
/// is the top bits of its hash, which the slot keeps). `mapValues` keeps the keys and their table, so a page of
/// records with the same fields shares one copy of them.
///
/// Removing a key from a map with a table leaves a hole where it was, as Python's `dict` does, instead of moving
/// every later key up and renumbering the table: a loop removing keys one by one took time growing with the square
/// of the size. The holes go when they outnumber the keys (see `OrderedMap+Holes`). A position is where a key is
/// stored, as ``index(forKey:)`` gives it, so after removals a position can be `count` or more.
public struct OrderedMap<Value> {
    @usableFromInline var storedKeys: ContiguousArray<String>
    @usableFromInline var storedValues: ContiguousArray<Value>
    /// Empty while the map is small enough to search by comparing keys; otherwise a power of two of slots.
    @usableFromInline var slots: ContiguousArray<UInt64>

    /// Maps of up to this many keys are searched key by key: cheaper than hashing the key.
    @usableFromInline static var linearLimit: Int { 8 }

    /// An empty map.
    @inlinable public init() {
        storedKeys = []
        storedValues = []
        slots = []
    }

    /// An empty map with room for `minimumCapacity` keys.
    @inlinable public init(minimumCapacity: Int) {
        self.init()
        reserveCapacity(minimumCapacity)
    }

    /// A map of the pairs in order; a key given twice keeps its first place and the value `combine` makes.
    @inlinable public init<S: Sequence>(
        _ pairs: S, uniquingKeysWith combine: (Value, Value) throws -> Value
    ) rethrows where S.Element == (String, Value) {
        self.init()
        for (key, value) in pairs {
            let place = findOrAppend(key) { value }
            if !place.inserted { storedValues[place.index] = try combine(storedValues[place.index], value) }
        }
    }

    /// A map of the pairs in order; the keys must be distinct.
    @inlinable public init<S: Sequence>(uniqueKeysWithValues pairs: S) where S.Element == (String, Value) {
        self.init(pairs, uniquingKeysWith: { _, _ in preconditionFailure("OrderedMap: a key given twice") })
    }

    @inlinable init(keys: ContiguousArray<String>, values: ContiguousArray<Value>, slots: ContiguousArray<UInt64>) {
        self.storedKeys = keys
        self.storedValues = values
        self.slots = slots
    }

    /// A map of `shape`'s keys, in its order, holding `values`, one for each: the keys and their table are shared
    /// with `shape`, not copied (a script's map literal makes every map it builds this way).
    @inlinable public init<Other>(keysOf shape: OrderedMap<Other>, values: ContiguousArray<Value>) {
        precondition(values.count == shape.count, "OrderedMap: one value for each key")
        let shape = shape.withoutHoles
        self.init(keys: shape.storedKeys, values: values, slots: shape.slots)
    }

    /// The keys in order.
    @inlinable public var keys: ContiguousArray<String> { withoutHoles.storedKeys }

    /// The number of keys.
    @inlinable public var count: Int { storedKeys.count - holeCount }

    /// Whether the map has no keys.
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The values, in the order of their keys.
    @inlinable public var values: ContiguousArray<Value> { withoutHoles.storedValues }

    /// The key/value pairs in order, by position from 0 to `count`.
    @inlinable public var elements: Elements { Elements(map: withoutHoles) }

    /// The position of `key`, or nil when the map does not hold it.
    @inlinable public func index(forKey key: String) -> Int? {
        slots.isEmpty ? storedKeys.firstIndex(of: key) : probe(key, hash: Self.hash(key)).found
    }

    /// The value under `key`; assigning nil removes the key, assigning a new key appends it.
    @inlinable public subscript(key: String) -> Value? {
        get {
            guard let index = index(forKey: key) else { return nil }
            return storedValues[index]
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// The value under `key`, or `defaultValue` when there is none; changing it stores it under `key`.
    @inlinable public subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        _modify {
            let index = findOrAppend(key, defaultValue).index
            yield &storedValues[index]
        }
    }

    /// The key at `position`, a position ``index(forKey:)`` gave.
    @inlinable public func key(at position: Int) -> String { storedKeys[position] }

    /// Whether `key` is at `position`: a cheap check of a position found before, which may be out of range.
    @inlinable public func holds(_ key: String, at position: Int) -> Bool {
        // An empty key may also be a hole's.
        position >= 0 && position < storedKeys.count && storedKeys[position] == key
            && (!key.isEmpty || holeCount == 0 || index(forKey: key) == position)
    }

    /// The value at `position`, a position ``index(forKey:)`` gave; changing it keeps its key.
    @inlinable public subscript(valueAt position: Int) -> Value {
        get { storedValues[position] }
        _modify { yield &storedValues[position] }
    }

    /// Calls `body` with the values' memory, to change values in place at positions ``index(forKey:)`` gave; the
    /// keys stay as they are.
    @inlinable public mutating func withUnsafeMutableValues<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Value>) throws(E) -> R
    ) throws(E) -> R {
        let result: Result<R, E> = storedValues.withUnsafeMutableBufferPointer { values in
            do throws(E) { return .success(try body(values)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Stores `value` under `key`: in place when the key is there (returning the old value), else at the end.
    @inlinable @discardableResult
    public mutating func updateValue(_ value: Value, forKey key: String) -> Value? {
        let place = findOrAppend(key) { value }
        guard !place.inserted else { return nil }
        var old = value
        Swift.swap(&old, &storedValues[place.index])
        return old
    }

    /// The position of `key`, appended first with the value `makeValue` gives when the map does not hold it.
    @inlinable mutating func findOrAppend(
        _ key: String, _ makeValue: () throws -> Value
    ) rethrows -> (index: Int, inserted: Bool) {
        if slots.isEmpty {
            if let index = storedKeys.firstIndex(of: key) { return (index, false) }
            appendNew(key, try makeValue())
        } else {
            let hash = Self.hash(key)
            let place = probe(key, hash: hash)
            if let index = place.found { return (index, false) }
            appendNew(key, try makeValue(), hash: hash, bucket: place.bucket)
        }
        return (storedKeys.count - 1, true)
    }

    /// Appends a key the map does not hold.
    @inlinable mutating func appendNew(_ key: String, _ value: Value) {
        if slots.isEmpty {
            storedKeys.append(key)
            storedValues.append(value)
            if storedKeys.count > Self.linearLimit { rebuildSlots(capacity: Self.tableCapacity(for: storedKeys.count)) }
            return
        }
        let hash = Self.hash(key)
        appendNew(key, value, hash: hash, bucket: probe(key, hash: hash).bucket)
    }

    /// Appends a key the map does not hold into the empty slot `bucket` its probe ended at.
    @inlinable mutating func appendNew(_ key: String, _ value: Value, hash: UInt64, bucket: Int) {
        storedKeys.append(key)
        storedValues.append(value)
        if storedKeys.count > bucketCount / 4 * 3 {
            growSlots(to: bucketCount * 2)
            placeSlot(hash: hash, position: storedKeys.count - 1)
        } else {
            slots[bucket] = Self.slot(hash: hash, position: storedKeys.count - 1)
        }
    }

    /// Removes `key` and returns its value.
    @inlinable @discardableResult
    public mutating func removeValue(forKey key: String) -> Value? {
        guard let index = index(forKey: key) else { return nil }
        return remove(at: index).value
    }

    /// Removes the pair at `position`, a position ``index(forKey:)`` gave: in a small map the keys after it move up
    /// one place; in one with a table, it leaves a hole.
    @inlinable @discardableResult
    public mutating func remove(at position: Int) -> (key: String, value: Value) {
        if slots.isEmpty { return (storedKeys.remove(at: position), storedValues.remove(at: position)) }
        return removeLeavingHole(at: position)
    }

    /// Makes room for `minimumCapacity` keys.
    @inlinable public mutating func reserveCapacity(_ minimumCapacity: Int) {
        storedKeys.reserveCapacity(minimumCapacity)
        storedValues.reserveCapacity(minimumCapacity)
        guard minimumCapacity > Self.linearLimit else { return }
        let capacity = Self.tableCapacity(for: minimumCapacity)
        if slots.isEmpty {
            rebuildSlots(capacity: capacity)
        } else if capacity > bucketCount {
            growSlots(to: capacity)
        }
    }

    /// A map of the same keys, in the same order, with `transform` applied to each value.
    @inlinable public func mapValues<T, E: Error>(_ transform: (Value) throws(E) -> T) throws(E) -> OrderedMap<T> {
        let map = withoutHoles
        var values = ContiguousArray<T>()
        values.reserveCapacity(map.storedValues.count)
        for value in map.storedValues { values.append(try transform(value)) }
        return OrderedMap<T>(keys: map.storedKeys, values: values, slots: map.slots)
    }

    /// Puts each pair of `other` in: existing keys keep their place and take the value `combine` makes.
    @inlinable public mutating func merge<S: Sequence>(
        _ other: S, uniquingKeysWith combine: (Value, Value) throws -> Value
    ) rethrows where S.Element == (key: String, value: Value) {
        for (key, value) in other {
            let place = findOrAppend(key) { value }
            if !place.inserted { storedValues[place.index] = try combine(storedValues[place.index], value) }
        }
    }

    /// This map with each pair of `other` put in, as `merge` does.
    @inlinable public func merging<S: Sequence>(
        _ other: S, uniquingKeysWith combine: (Value, Value) throws -> Value
    ) rethrows -> Self where S.Element == (key: String, value: Value) {
        var merged = self
        try merged.merge(other, uniquingKeysWith: combine)
        return merged
    }

    /// The pairs for which `isIncluded` is true, in order.
    @inlinable public func filter(_ isIncluded: ((key: String, value: Value)) throws -> Bool) rethrows -> Self {
        var result = Self()
        for pair in self where try isIncluded(pair) { result.appendNew(pair.key, pair.value) }
        return result
    }
}

extension OrderedMap: Sendable where Value: Sendable {}
