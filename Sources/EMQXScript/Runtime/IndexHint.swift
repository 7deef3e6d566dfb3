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

extension Value {
    /// Calls `body` with the map the value at `cell` holds; nil when it holds no map.
    ///
    /// The map is moved out of the cell while `body` runs, and back: bound where it is, it was copied (a retain of
    /// each of its three arrays, and as many releases after), as a lookup calls code that the compiler cannot see
    /// does not change the cell. `body` must run no script code, so that nothing reads the cell meanwhile.
    @inline(__always)
    static func withMap<Result>(
        at cell: UnsafeMutablePointer<Value>, _ body: (borrowing OrderedMap<Value>) -> Result
    ) -> Result? {
        guard case .map = cell.pointee, case .map(let map) = cell.move() else { return nil }
        defer { cell.initialize(to: .map(map)) }
        return body(map)
    }

    /// Calls `body` with the list the value at `cell` holds; nil when it holds no list. As ``withMap(at:_:)``.
    @inline(__always)
    static func withList<Result>(
        at cell: UnsafeMutablePointer<Value>, _ body: (borrowing [Value]) -> Result
    ) -> Result? {
        guard case .list = cell.pointee, case .list(let list) = cell.move() else { return nil }
        defer { cell.initialize(to: .list(list)) }
        return body(list)
    }

    /// The value under `name` when the value at `cell` is a map (null when it has no such key), found with `hint`;
    /// nil when it is not a map.
    @inline(__always)
    static func member(at cell: UnsafeMutablePointer<Value>, _ name: String, _ hint: IndexHint) -> Value? {
        // Not through `withMap`: lent to a closure, the map was copied again when passed on to `find`.
        guard case .map = cell.pointee, case .map(let map) = cell.move() else { return nil }
        defer { cell.initialize(to: .map(map)) }
        guard let index = hint.find(name, in: map) else { return .null }
        return map[valueAt: index]
    }

    /// The value under `key` when the value at `cell` is a map (null when it has no such key); nil when it is not a
    /// map.
    @inline(__always)
    static func value(at cell: UnsafeMutablePointer<Value>, forKey key: String) -> Value? {
        withMap(at: cell) { map in map[key] ?? .null }
    }

    /// Whether the map at `cell` holds `key`; nil when it is not a map.
    @inline(__always)
    static func holdsKey(at cell: UnsafeMutablePointer<Value>, _ key: String) -> Bool? {
        withMap(at: cell) { map in map.index(forKey: key) != nil }
    }

    /// `len()` of the list, map or string at `cell`; nil for any other value.
    @inline(__always)
    static func count(at cell: UnsafeMutablePointer<Value>) -> Int? {
        switch cell.pointee {
        case .list: return withList(at: cell) { list in list.count }
        case .map: return withMap(at: cell) { map in map.count }
        case .string:
            guard case .string(let text) = cell.move() else { return nil }
            defer { cell.initialize(to: .string(text)) }
            return ASCIIText.characterCount(text)
        default: return nil
        }
    }

    /// The item at `index` when the value at `cell` is a list and the index is in range; nil otherwise.
    @inline(__always)
    static func item(at cell: UnsafeMutablePointer<Value>, _ index: Int64, _ interpreter: Interpreter) -> Value? {
        withList(at: cell) { list -> Value? in
            guard let offset = interpreter.listOffset(index, list.count) else { return nil }
            return list[offset]
        } ?? nil
    }
}
