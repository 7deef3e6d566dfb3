import EMQXJSON

/// Reads of a map or list where a variable or a lent argument keeps it.
///
/// Bound where it is (`case .map(let map) = slot`), a map is copied, a retain of each of its three arrays and as many
/// releases after, because the lookup calls code that the compiler cannot see does not change the slot. Here the
/// value is moved out of its place while it is read, and back. No script code runs in between, so nothing can see
/// the place empty.
extension Value {
    /// Calls `body` with the map the value at `cell` holds, moved out and back; nil when it holds no map. `body` must
    /// run no script code.
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
