/// How a pattern becomes ``ByteRegex``'s nodes: read into pieces as written, then laid out as nodes that the matcher
/// walks, with the bytes a match can start with.
extension ByteRegex {
    /// A piece of the pattern as written: a character with its bounds, or a group of alternatives.
    indirect enum Piece {
        case character(ByteSet, minimum: Int, maximum: Int)
        /// A group, capturing (its number) or not (`(?:…)`, nil).
        case group(Int?, [[Piece]])

        var hasCharacter: Bool {
            switch self {
            case .character: true
            case .group(_, let alternatives): alternatives.contains { $0.contains(where: \.hasCharacter) }
            }
        }
    }

    /// The alternatives of a group, or of the whole pattern, up to the `)` that ends it (left in `bytes`).
    static func alternatives(_ bytes: inout ArraySlice<UInt8>, _ groups: inout Int) -> [[Piece]]? {
        var alternatives: [[Piece]] = [[]]
        while let byte = bytes.first, byte != UInt8(ascii: ")") {
            bytes.removeFirst()
            guard byte < 0x80 else { return nil }
            let set: ByteSet
            switch byte {
            case UInt8(ascii: "|"):
                alternatives.append([])
                continue
            case UInt8(ascii: "("):
                var number: Int?
                if bytes.first == UInt8(ascii: "?") {
                    guard bytes.starts(with: "?:".utf8) else { return nil }
                    bytes.removeFirst(2)
                } else {
                    groups += 1
                    number = groups
                }
                // A quantified group repeats its captures, which this type does not follow.
                guard let inner = Self.alternatives(&bytes, &groups), bytes.popFirst() == UInt8(ascii: ")"),
                    !Array("*+?{".utf8).contains(bytes.first ?? 0)
                else { return nil }
                alternatives[alternatives.count - 1].append(.group(number, inner))
                continue
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.popFirst(), let escape = BytePattern.escape(escaped) else { return nil }
                set = escape
            case UInt8(ascii: "["):
                guard let members = BytePattern.set(&bytes) else { return nil }
                set = members
            case UInt8(ascii: "."):
                set = BytePattern.complement(BytePattern.bits([0x0A, 0x0B, 0x0C, 0x0D]))
            case _ where Array("{}*+?^$]".utf8).contains(byte): return nil
            default: set = BytePattern.bits([byte])
            }
            guard let (minimum, maximum) = quantifier(&bytes) else { return nil }
            alternatives[alternatives.count - 1].append(.character(set, minimum: minimum, maximum: maximum))
        }
        return alternatives
    }

    /// The nodes of pieces: characters matched once each are merged into one node, matched by a plain loop.
    struct Builder {
        var nodes: [Node] = []
        var sets: [ByteSet] = []
        var starts: [Int] = []
        /// The first node a character may merge into: none before where alternatives start or meet.
        var mergeable = 0

        mutating func add(_ piece: Piece) {
            switch piece {
            case .character(let set, minimum: 1, maximum: 1):
                sets.append(set)
                if nodes.count > mergeable, case .fixed(let range) = nodes.last, range.upperBound == sets.count - 1 {
                    nodes[nodes.count - 1] = .fixed(range.lowerBound..<sets.count)
                } else {
                    nodes.append(.fixed((sets.count - 1)..<sets.count))
                }
            case .character(let set, let minimum, let maximum):
                nodes.append(.run(set, minimum: minimum, maximum: maximum))
            case .group(let number, let alternatives):
                if let number { nodes.append(.open(group: number)) }
                if alternatives.count == 1 {
                    for piece in alternatives[0] { add(piece) }
                } else {
                    let split = nodes.count
                    nodes.append(.split(0..<0))
                    var first: [Int] = []
                    var jumps: [Int] = []
                    for (index, alternative) in alternatives.enumerated() {
                        first.append(nodes.count)
                        mergeable = nodes.count
                        for piece in alternative { add(piece) }
                        if index < alternatives.count - 1 {
                            jumps.append(nodes.count)
                            nodes.append(.jump(0))
                        }
                    }
                    for jump in jumps { nodes[jump] = .jump(nodes.count) }
                    nodes[split] = .split(starts.count..<(starts.count + first.count))
                    starts += first
                    mergeable = nodes.count
                }
                if let number { nodes.append(.close(group: number)) }
            }
        }
    }

    /// The quantifier after a character, as its bounds: (1, 1) for none; nil for a lazy or possessive one, or one
    /// `Regex` might read otherwise.
    static func quantifier(_ bytes: inout ArraySlice<UInt8>) -> (Int, Int)? {
        let bounds: (Int, Int)
        switch bytes.first {
        case UInt8(ascii: "*"): bounds = (0, Int.max)
        case UInt8(ascii: "+"): bounds = (1, Int.max)
        case UInt8(ascii: "?"): bounds = (0, 1)
        case UInt8(ascii: "{"):
            guard let close = bytes.firstIndex(of: UInt8(ascii: "}")) else { return nil }
            let parts = String(decoding: bytes[bytes.index(after: bytes.startIndex)..<close], as: UTF8.self)
                .split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let low = Int(parts[0]), low <= 1000 else { return nil }
            let high = parts.count == 1 ? low : (parts[1].isEmpty ? Int.max : Int(parts[1]) ?? -1)
            guard high >= low else { return nil }
            bytes = bytes[close...]
            bounds = (low, high)
        default: return (1, 1)
        }
        bytes.removeFirst()
        guard bytes.first != UInt8(ascii: "?"), bytes.first != UInt8(ascii: "+") else { return nil }
        return bounds
    }

    /// The bytes a match from `node` can start with; nil when it can be empty.
    static func firstBytes(from node: Int, _ nodes: [Node], _ sets: [ByteSet], _ starts: [Int]) -> ByteSet? {
        guard node < nodes.count else { return nil }
        switch nodes[node] {
        case .fixed(let range): return sets[range.lowerBound]
        case .run(let set, let minimum, _):
            if minimum > 0 { return set }
            return firstBytes(from: node + 1, nodes, sets, starts).map { (set.low | $0.low, set.high | $0.high) }
        case .open, .close: return firstBytes(from: node + 1, nodes, sets, starts)
        case .jump(let next): return firstBytes(from: next, nodes, sets, starts)
        case .split(let range):
            var union: ByteSet = (0, 0)
            for index in range {
                guard let set = firstBytes(from: starts[index], nodes, sets, starts) else { return nil }
                union = (union.low | set.low, union.high | set.high)
            }
            return union
        }
    }

}
