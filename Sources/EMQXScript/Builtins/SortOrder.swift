/// The order `sort` puts a list in, worked out on the keys' positions: moving the items themselves while sorting
/// copied each (a map is three retains and releases) at every step, and 100,000 records took three times CPython's
/// time.
enum SortOrder {
    /// Two keys that have no order between them, as `compare` found them.
    struct Unordered: Error {
        let a: Value
        let b: Value
    }

    /// The positions of `keys` in ascending order of key, equal keys in the order they came (a stable sort).
    ///
    /// Keys that are all integers, or all strings, are compared as such, without `compare`: the common cases, and
    /// what `compare` answers for them. Any other keys go through `compare`, which says nil for a pair with no
    /// order.
    static func ascending(
        _ keys: [Value], compare: (Value, Value) -> Int?
    ) -> Result<[Int], Unordered> {
        if let order = ascendingIntegers(keys) ?? ascendingStrings(keys) { return .success(order) }
        var unordered: Unordered?
        let order = keys.withUnsafeBufferPointer { keys in
            Array(keys.indices).sorted { a, b in
                guard let order = compare(keys[a], keys[b]) else {
                    unordered = Unordered(a: keys[a], b: keys[b])
                    return a < b
                }
                return order == 0 ? a < b : order < 0
            }
        }
        if let unordered { return .failure(unordered) }
        return .success(order)
    }

    private static func ascendingIntegers(_ keys: [Value]) -> [Int]? {
        ascending(keys) { if case .int(let number) = $0 { number } else { nil } }
    }

    private static func ascendingStrings(_ keys: [Value]) -> [Int]? {
        ascending(keys) { if case .string(let text) = $0 { text } else { nil } }
    }

    /// The positions of `keys` by the key `extract` finds in each, equal ones in their order; nil when it finds
    /// none in one of them.
    private static func ascending<Key: Comparable>(_ keys: [Value], _ extract: (Value) -> Key?) -> [Int]? {
        var pairs: [(key: Key, position: Int)] = []
        pairs.reserveCapacity(keys.count)
        for (position, value) in keys.enumerated() {
            guard let key = extract(value) else { return nil }
            pairs.append((key, position))
        }
        pairs.sort { $0.key != $1.key ? $0.key < $1.key : $0.position < $1.position }
        return pairs.map(\.position)
    }
}
