import EMQXJSON

/// Where a map key was found last time: maps built by a script keep their layout, so the next
/// lookup usually compares one key instead of hashing.
final class IndexHint: @unchecked Sendable {
    // Unchecked, as ``PathHints``'s.
    @exclusivity(unchecked) private var index = -1

    func find(_ key: String, in map: OrderedMap<Value>) -> Int? { Self.find(key, in: map, hint: &index) }

    /// Where `key` is in `map`, trying `hint` first; a key found elsewhere becomes the hint.
    @inline(__always)
    static func find(_ key: String, in map: OrderedMap<Value>, hint: inout Int) -> Int? {
        if map.holds(key, at: hint) { return hint }
        guard let found = map.index(forKey: key) else { return nil }
        hint = found
        return found
    }
}

/// An ``IndexHint`` for each step of a path, in one array.
final class PathHints: @unchecked Sendable {
    // Unchecked: a compiled statement runs on one task at a time, and checking each access cost more than the hint.
    @exclusivity(unchecked) private var hints: [Int]

    init(count: Int) { hints = Array(repeating: -1, count: count) }

    /// Where `key` is in `map`, the map at step `depth` of the path.
    func find(_ key: String, in map: OrderedMap<Value>, at depth: Int) -> Int? {
        IndexHint.find(key, in: map, hint: &hints[depth])
    }
}
