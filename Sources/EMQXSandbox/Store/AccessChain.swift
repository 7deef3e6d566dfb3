import EMQXJSON

/// An ordered chain of configured sources (authenticators, or authorization sources), each a configuration object
/// with its id; the first in the chain is asked first.
struct AccessChain: Sendable {
    private(set) var entries: [(id: String, configuration: JSONObject)]

    /// The chain of `configurations`, each with the id `identify` reads from it (those without one are left out).
    init(_ configurations: [JSONObject], identify: (JSONObject) -> String?) {
        entries = configurations.compactMap { configuration in identify(configuration).map { ($0, configuration) } }
    }

    subscript(id: String) -> JSONObject? {
        get { entries.first { $0.id == id }?.configuration }
        set {
            guard let index = entries.firstIndex(where: { $0.id == id }) else {
                if let newValue { entries.append((id, newValue)) }
                return
            }
            if let newValue { entries[index].configuration = newValue } else { entries.remove(at: index) }
        }
    }

    /// Whether an entry is there and not disabled (`enable` is true unless it says false).
    func isEnabled(_ id: String) -> Bool {
        guard let configuration = self[id] else { return false }
        return configuration["enable"]?.boolValue ?? true
    }

    /// Moves an entry to `front`, `rear`, `before:ID` or `after:ID`; nil when the position names no entry, or is not
    /// one of these.
    mutating func move(_ id: String, to position: String) -> Bool? {
        guard let index = entries.firstIndex(where: { $0.id == id }) else { return nil }
        var rest = entries
        let entry = rest.remove(at: index)
        let target: Int
        switch position {
        case "front": target = 0
        case "rear", "back": target = rest.count
        default:
            let parts = position.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["before", "after"].contains(parts[0]),
                let other = rest.firstIndex(where: { $0.id == parts[1] })
            else { return false }
            target = parts[0] == "before" ? other : other + 1
        }
        rest.insert(entry, at: target)
        entries = rest
        return true
    }

    /// Puts the entries in the order given, which must name each exactly once.
    mutating func reorder(_ ids: [String]) -> Bool {
        guard ids.count == entries.count, Set(ids) == Set(entries.map(\.id)) else { return false }
        entries = ids.map { id in entries.first { $0.id == id }! }
        return true
    }
}
