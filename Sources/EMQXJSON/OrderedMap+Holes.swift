/// The holes removals leave in a map with a table.
///
/// A hole keeps its place in the arrays with an empty key and a copy of the last value (the removed value is let
/// go at once, and a copy shares its storage), and has no slot, so no probe finds it. The empty key is also a key a
/// map may hold: a position holding an empty key is a hole unless the table finds the empty key there. When the
/// holes outnumber the keys, the arrays are rebuilt without them; as that takes at least as many removals as there
/// are keys left, each removal costs a constant on average.
extension OrderedMap {
    /// Removes the pair at `position` of a map with a table.
    @inlinable mutating func removeLeavingHole(at position: Int) -> (key: String, value: Value) {
        removeSlot(forPosition: position)
        if position == storedKeys.count - 1 { return (storedKeys.removeLast(), storedValues.removeLast()) }
        var key = ""
        swap(&key, &storedKeys[position])
        var value = storedValues[storedValues.count - 1]
        swap(&value, &storedValues[position])
        slots[bucketCount] += 1
        if holeCount > count { removeHoles() }
        return (key, value)
    }

    /// This map with its holes gone: itself when it has none.
    @inlinable var withoutHoles: Self {
        guard holeCount > 0 else { return self }
        var map = self
        map.removeHoles()
        return map
    }

    /// Rebuilds the arrays without holes, and the table for the keys left.
    @inlinable mutating func removeHoles() {
        let emptyKeyAt = index(forKey: "")
        var keys = ContiguousArray<String>()
        var values = ContiguousArray<Value>()
        keys.reserveCapacity(count)
        values.reserveCapacity(count)
        for position in storedKeys.indices where !storedKeys[position].isEmpty || position == emptyKeyAt {
            keys.append(storedKeys[position])
            values.append(storedValues[position])
        }
        storedKeys = keys
        storedValues = values
        rebuildSlots(capacity: Self.tableCapacity(for: keys.count))
    }
}
