import EMQXJSON

/// Where a map key was found last time: maps built by a script keep their layout, so the next
/// lookup usually compares one key instead of hashing.
final class IndexHint: @unchecked Sendable {
    private var index = -1

    func find(_ key: String, in map: OrderedMap<Value>) -> Int? {
        if index >= 0, index < map.count, map.keys[index] == key { return index }
        guard let found = map.index(forKey: key) else { return nil }
        index = found
        return found
    }
}
