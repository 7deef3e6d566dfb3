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
    /// The value under `name` when the value at `cell` is a map (null when it has no such key), found with `hint`;
    /// nil when it is not a map.
    ///
    /// The map is moved out of the cell while it is searched, and back: bound where it is, it was copied (a retain
    /// of each of its three arrays, and as many releases after), as the search calls code that the compiler cannot
    /// see does not change the cell. The search runs no script code, so nothing reads the cell meanwhile.
    @inline(__always)
    static func member(at cell: UnsafeMutablePointer<Value>, _ name: String, _ hint: IndexHint) -> Value? {
        guard case .map = cell.pointee, case .map(let map) = cell.move() else { return nil }
        defer { cell.initialize(to: .map(map)) }
        guard let index = hint.find(name, in: map) else { return .null }
        return map[valueAt: index]
    }

    /// The value under `key` when the value at `cell` is a map (null when it has no such key); nil when it is not a
    /// map. Moved out and back, as ``member(at:_:_:)`` does.
    @inline(__always)
    static func value(at cell: UnsafeMutablePointer<Value>, forKey key: String) -> Value? {
        guard case .map = cell.pointee, case .map(let map) = cell.move() else { return nil }
        defer { cell.initialize(to: .map(map)) }
        return map[key] ?? .null
    }

    /// Whether the map at `cell` holds `key`; nil when it is not a map. Moved out and back, as
    /// ``member(at:_:_:)`` does.
    @inline(__always)
    static func holdsKey(at cell: UnsafeMutablePointer<Value>, _ key: String) -> Bool? {
        guard case .map = cell.pointee, case .map(let map) = cell.move() else { return nil }
        defer { cell.initialize(to: .map(map)) }
        return map.index(forKey: key) != nil
    }

    /// `len()` of the list, map or string at `cell`; nil for any other value. Moved out and back, as
    /// ``member(at:_:_:)`` does.
    @inline(__always)
    static func count(at cell: UnsafeMutablePointer<Value>) -> Int? {
        switch cell.pointee {
        case .list:
            guard case .list(let list) = cell.move() else { return nil }
            defer { cell.initialize(to: .list(list)) }
            return list.count
        case .map:
            guard case .map(let map) = cell.move() else { return nil }
            defer { cell.initialize(to: .map(map)) }
            return map.count
        case .string:
            guard case .string(let text) = cell.move() else { return nil }
            defer { cell.initialize(to: .string(text)) }
            return ASCIIText.characterCount(text)
        default: return nil
        }
    }

    /// The item at `index` when the value at `cell` is a list and the index is in range; nil otherwise. Looked at in
    /// place, as ``member(at:_:_:)`` is.
    @inline(__always)
    static func item(at cell: UnsafeMutablePointer<Value>, _ index: Int64, _ interpreter: Interpreter) -> Value? {
        guard case .list = cell.pointee, case .list(let list) = cell.move() else { return nil }
        defer { cell.initialize(to: .list(list)) }
        guard let offset = interpreter.listOffset(index, list.count) else { return nil }
        return list[offset]
    }
}
