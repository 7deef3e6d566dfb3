/// A regular expression of single characters with quantifiers and plain groups, matched over bytes with its
/// groups: `client (c-[0-9]+) connected from ([0-9.]+)`, the shape of a script pulling fields out of log lines.
///
/// The characters are ``BytePattern``'s (literals, `.`, `\d \w \s` and their negations, `[…]` sets), each followed by
/// at most one greedy `*`, `+`, `?` or `{n}`, `{n,}`, `{n,m}`; groups are capturing and not quantified; `^` may lead
/// and `$` may end. Anything else (alternation, lazy quantifiers, look-around, options) is left to `Regex`, as is
/// text that is not ASCII without a carriage return, unless ``ASCIISets`` can read it. Matching backtracks as
/// `Regex` does, so the first match and its groups are the same; a pattern that backtracks too long is handed to
/// `Regex` as well. Swift's `Regex` took about 5 µs per line there, three times CPython's `re`.
struct ByteRegex {
    typealias ByteSet = (low: UInt64, high: UInt64)

    private enum Node {
        /// Characters matched one each, in order: `sets[range]`.
        case fixed(Range<Int>)
        /// One character repeated `minimum...maximum` times, as many as it can first.
        case run(ByteSet, minimum: Int, maximum: Int)
        case open(group: Int)
        case close(group: Int)
    }

    /// What a search found.
    enum Outcome {
        /// The match and each group, as byte ranges (the match first).
        case match([Range<Int>])
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
        var parsed: [(set: ByteSet, minimum: Int, maximum: Int)?] = []  // nil: a group's bracket, kept in `marks`
        var marks: [Node] = []
        var open: [Int] = []
        var groups = 0
        while let byte = bytes.popFirst() {
            guard byte < 0x80 else { return nil }
            let set: ByteSet
            switch byte {
            case UInt8(ascii: "("):
                guard bytes.first != UInt8(ascii: "?") else { return nil }
                groups += 1
                open.append(groups)
                parsed.append(nil)
                marks.append(.open(group: groups))
                continue
            case UInt8(ascii: ")"):
                // A quantified group repeats its captures, which this type does not follow.
                guard let group = open.popLast(), !Array("*+?{".utf8).contains(bytes.first ?? 0) else { return nil }
                parsed.append(nil)
                marks.append(.close(group: group))
                continue
            case UInt8(ascii: "\\"):
                guard let escaped = bytes.popFirst(), let escape = BytePattern.escape(escaped) else { return nil }
                set = escape
            case UInt8(ascii: "["):
                guard let members = BytePattern.set(&bytes) else { return nil }
                set = members
            case UInt8(ascii: "."):
                set = BytePattern.complement(BytePattern.bits([0x0A, 0x0B, 0x0C, 0x0D]))
            case _ where Array("{}*+?|^$]".utf8).contains(byte): return nil
            default: set = BytePattern.bits([byte])
            }
            guard let (minimum, maximum) = Self.quantifier(&bytes) else { return nil }
            parsed.append((set, minimum, maximum))
        }
        guard open.isEmpty, parsed.contains(where: { $0 != nil }) else { return nil }
        // Characters matched once each are merged into one node, matched by a plain loop.
        var nodes: [Node] = []
        var sets: [ByteSet] = []
        var nextMark = 0
        for item in parsed {
            guard let item else {
                nodes.append(marks[nextMark])
                nextMark += 1
                continue
            }
            guard item.minimum == 1, item.maximum == 1 else {
                nodes.append(.run(item.set, minimum: item.minimum, maximum: item.maximum))
                continue
            }
            sets.append(item.set)
            if case .fixed(let range) = nodes.last, range.upperBound == sets.count - 1 {
                nodes[nodes.count - 1] = .fixed(range.lowerBound..<sets.count)
            } else {
                nodes.append(.fixed((sets.count - 1)..<sets.count))
            }
        }
        self.nodes = nodes
        self.sets = sets
        groupCount = groups
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
                    (0...groupCount).map { captures[2 * $0] >= 0 ? captures[2 * $0]..<captures[2 * $0 + 1] : 0..<0 })
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
        }
    }

    @inline(__always)
    private static func contains(_ set: ByteSet, _ byte: UInt8) -> Bool {
        (byte < 64 ? set.low >> byte : set.high >> (byte - 64)) & 1 != 0
    }
}
