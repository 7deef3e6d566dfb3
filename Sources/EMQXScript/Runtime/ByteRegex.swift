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

    /// A step of the pattern, as the matcher walks it.
    enum Node {
        /// Characters matched one each, in order: `sets[range]`.
        case fixed(Range<Int>)
        /// One character repeated `minimum...maximum` times, as many as it can first.
        case run(ByteSet, minimum: Int, maximum: Int)
        case open(group: Int)
        case close(group: Int)
        /// Alternatives, tried in order from each node: `starts[range]` (a plain payload: an array in a node cost a
        /// retain and a release at each node matched).
        case split(Range<Int>)
        /// The end of an alternative: on at the node after the last one.
        case jump(Int)
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
    /// The first node of each alternative of each `.split`.
    private let starts: [Int]
    /// The bytes a match can start with; nil when a match can be empty. Places starting with another byte are not
    /// tried (a search for `(CONNECT|DISCONNECT)` entered the pattern at each byte of the line).
    private let firstBytes: ByteSet?
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
        starts = builder.starts
        groupCount = groups
        firstBytes = Self.firstBytes(from: 0, builder.nodes, builder.sets, builder.starts)
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
            } else if !anchoredAtStart, let firstBytes {
                while start < text.count && !Self.contains(firstBytes, text[start]) { start += 1 }
                guard start < text.count else { return .none }
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
        case .split(let range):
            for index in range {
                if let end = match(starts[index], position, text, captures, &budget) { return end }
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
