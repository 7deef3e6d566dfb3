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
        let lone = ascending(keys) { value -> LoneScalarText? in
            guard case .string(let text) = value, text.withBytes(ASCIIPattern.isLoneScalars) else { return nil }
            return LoneScalarText(text: text)
        }
        return lone ?? ascending(keys) { if case .string(let text) = $0 { text } else { nil } }
    }

    /// Text of lone scalars (``ASCIIPattern/isLoneScalars(_:)``), ASCII among it, ordered by its UTF-8 bytes.
    ///
    /// Swift orders strings by their scalars in NFC, and such text is its own NFC: no scalar of it is equal to
    /// another or joins one next to it. UTF-8 keeps the order of scalars, so the bytes give the same order without
    /// normalising at each comparison, which was most of the time of a sort of 60,000 accented names. The first 16
    /// bytes are kept as two numbers, which with the length decide every comparison of texts that short.
    struct LoneScalarText: Comparable {
        let text: String
        private let head: (UInt64, UInt64)
        private let count: Int

        init(text: String) {
            self.text = text
            count = text.utf8.count
            var words: (UInt64, UInt64) = (0, 0)
            for (index, byte) in text.utf8.prefix(16).enumerated() {
                if index < 8 {
                    words.0 |= UInt64(byte) << (56 - 8 * index)
                } else {
                    words.1 |= UInt64(byte) << (56 - 8 * (index - 8))
                }
            }
            head = words
        }

        static func < (a: Self, b: Self) -> Bool {
            if a.head != b.head { return a.head < b.head }
            // The same first 16 bytes, or all of both and zeros after: the shorter is a prefix of the longer.
            if a.count <= 16 && b.count <= 16 { return a.count < b.count }
            return a.text.utf8.lexicographicallyPrecedes(b.text.utf8)
        }

        static func == (a: Self, b: Self) -> Bool {
            a.head == b.head && a.count == b.count && (a.count <= 16 || a.text.utf8.elementsEqual(b.text.utf8))
        }
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
