/// A regular expression of single characters with quantifiers, groups and alternatives, matched over bytes with its
/// groups: `client (c-[0-9]+) connected from ([0-9.]+)`, the shape of a script pulling fields out of log lines.
///
/// The characters are ``BytePattern``'s (literals, `.`, `\d \w \s` and their negations, `[…]` sets), each followed by
/// at most one greedy `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`; groups, capturing or not (`(?:…)`), are not quantified
/// and may hold alternatives (`(CONNECT|DISCONNECT)`), as may the whole pattern; `^` may lead and `$` may end (the
/// whole pattern then has one alternative). Anything else (lazy quantifiers, look-around, options) is left to
/// `Regex`, as is text that is not ASCII without a carriage return, unless ``ASCIISets`` can read it. Matching
/// backtracks as `Regex` does, trying alternatives in order, so the first match and its groups are the same; a
/// pattern that backtracks too long is handed to `Regex` as well. Swift's `Regex` took about 5 µs per line there,
/// three times CPython's `re`.
struct ByteRegex {
    typealias ByteSet = (low: UInt64, high: UInt64)

    private enum Node {
        /// Characters matched one each, in order: `sets[range]`.
        case fixed(Range<Int>)
        /// One character repeated `minimum...maximum` times, as many as it can first.
        case run(ByteSet, minimum: Int, maximum: Int)
        case open(group: Int)
        case close(group: Int)
        /// Alternatives, tried in order from each node.
        case split([Int])
        /// The end of an alternative: on at the node after the last one.
        case jump(Int)
    }

    /// A piece of the pattern as written: a character with its bounds, or a group of alternatives.
    private indirect enum Piece {
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

    /// What a search found.
    enum Outcome {
        /// The match and each group, as byte ranges (the match first; nil for a group that took no part).
        case match([Range<Int>?])
        case none
        /// The pattern backtracked past the budget: `Regex` decides.
        case tooComplex
    }

    private let nodes: [Node]
    private let sets: [ByteSet]
    /// How many groups the pattern has.
    let groupCount: Int
    private let anchoredAtStart: Bool
    private let anchoredAtEnd: Bool

    /// Nil when the pattern uses anything beyond what this type answers for.
    init?(_ pattern: String) {
        var bytes = Array(pattern.utf8)[...]
        (anchoredAtStart, anchoredAtEnd) = BytePattern.anchors(&bytes)
        var groups = 0
        // A `)` left over closes no group. `^a|b$` anchors one alternative each, not the whole.
        guard let alternatives = Self.alternatives(&bytes, &groups), bytes.isEmpty,
            alternatives.count == 1 || !anchoredAtStart && !anchoredAtEnd
        else { return nil }
        let whole = Piece.group(nil, alternatives)
        guard whole.hasCharacter else { return nil }
        var builder = Builder()
        builder.add(whole)
        nodes = builder.nodes
        sets = builder.sets
        groupCount = groups
    }

    /// The alternatives of a group, or of the whole pattern, up to the `)` that ends it (left in `bytes`).
    private static func alternatives(_ bytes: inout ArraySlice<UInt8>, _ groups: inout Int) -> [[Piece]]? {
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
    private struct Builder {
        var nodes: [Node] = []
        var sets: [ByteSet] = []
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
                    nodes.append(.split([]))
                    var starts: [Int] = []
                    var jumps: [Int] = []
                    for (index, alternative) in alternatives.enumerated() {
                        starts.append(nodes.count)
                        mergeable = nodes.count
                        for piece in alternative { add(piece) }
                        if index < alternatives.count - 1 {
                            jumps.append(nodes.count)
                            nodes.append(.jump(0))
                        }
                    }
                    for jump in jumps { nodes[jump] = .jump(nodes.count) }
                    nodes[split] = .split(starts)
                    mergeable = nodes.count
                }
                if let number { nodes.append(.close(group: number)) }
            }
        }
    }

    /// The quantifier after a character, as its bounds: (1, 1) for none; nil for a lazy or possessive one, or one
    /// `Regex` might read otherwise.
    private static func quantifier(_ bytes: inout ArraySlice<UInt8>) -> (Int, Int)? {
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

    /// The first match in the ASCII bytes of a text without a carriage return.
    ///
    /// `literal`, which every match starts with, picks the places a match is tried from: only where it is, found by
    /// a byte search (trying every place cost a topic that does not match twice CPython's time).
    func firstMatch(in text: UnsafeBufferPointer<UInt8>, startingWith literal: [UInt8]? = nil) -> Outcome {
        // On the stack: an array of them, made per call, looked up its generic type at run time each time.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (groupCount + 1)) { captures in
            captures.initialize(repeating: -1)
            return firstMatch(in: text, startingWith: literal, captures)
        }
    }

    private func firstMatch(
        in text: UnsafeBufferPointer<UInt8>, startingWith literal: [UInt8]?, _ captures: UnsafeMutableBufferPointer<Int>
    ) -> Outcome {
        var budget = 100_000
        var start = 0
        while start <= (anchoredAtStart ? 0 : text.count) {
            defer { start += 1 }
            if !anchoredAtStart, let literal, let first = literal.first {
                guard let found = ASCIIText.next(first, in: text, from: start) else { return .none }
                start = found
                guard literal.withUnsafeBufferPointer({ ASCIIText.holds($0, in: text, at: found) }) else { continue }
            }
            if let end = match(0, start, text, captures, &budget) {
                captures[0] = start
                captures[1] = end
                return .match(
                    (0...groupCount).map { captures[2 * $0] >= 0 ? captures[2 * $0]..<captures[2 * $0 + 1] : nil })
            }
            if budget < 0 { return .tooComplex }
        }
        return .none
    }

    /// Where a match of `nodes[node...]` from `position` ends, setting the groups on the way; nil when there is none.
    private func match(
        _ node: Int, _ position: Int, _ text: UnsafeBufferPointer<UInt8>, _ captures: UnsafeMutableBufferPointer<Int>,
        _ budget: inout Int
    ) -> Int? {
        budget -= 1
        guard budget >= 0 else { return nil }
        guard node < nodes.count else { return !anchoredAtEnd || position == text.count ? position : nil }
        switch nodes[node] {
        case .fixed(let range):
            guard position + range.count <= text.count else { return nil }
            for (offset, index) in range.enumerated() where !Self.contains(sets[index], text[position + offset]) {
                return nil
            }
            return match(node + 1, position + range.count, text, captures, &budget)
        case .run(let set, let minimum, let maximum):
            var count = 0
            while count < maximum, position + count < text.count, Self.contains(set, text[position + count]) {
                count += 1
            }
            while count >= minimum {
                if let end = match(node + 1, position + count, text, captures, &budget) { return end }
                count -= 1
            }
            return nil
        case .open(let group), .close(let group):
            let slot = if case .open = nodes[node] { 2 * group } else { 2 * group + 1 }
            let saved = captures[slot]
            captures[slot] = position
            if let end = match(node + 1, position, text, captures, &budget) { return end }
            captures[slot] = saved
            return nil
        case .split(let starts):
            for start in starts {
                if let end = match(start, position, text, captures, &budget) { return end }
            }
            return nil
        case .jump(let next):
            return match(next, position, text, captures, &budget)
        }
    }

    @inline(__always)
    private static func contains(_ set: ByteSet, _ byte: UInt8) -> Bool {
        (byte < 64 ? set.low >> byte : set.high >> (byte - 64)) & 1 != 0
    }
}
