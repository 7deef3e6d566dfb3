extension StringProtocol {
    /// The first place `needle`'s UTF-8 bytes occur, compared byte by byte.
    ///
    /// For the ASCII markers a URL or a header is cut at (`://`, `@`, `html`). The standard library's
    /// `firstRange(of:)` and `contains(_:)` build a skip table, a `Dictionary<Character, Int>`, whose first use
    /// costs a scan of every protocol conformance in the program: about 2% of a whole one-request `emqxsh`.
    func firstUTF8Range(of needle: String) -> Range<Index>? {
        let bytes = utf8
        let pattern = needle.utf8
        guard let first = pattern.first else { return startIndex..<startIndex }
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: first) {
            var probe = found
            var matched = true
            for byte in pattern {
                guard probe != bytes.endIndex, bytes[probe] == byte else {
                    matched = false
                    break
                }
                bytes.formIndex(after: &probe)
            }
            if matched { return found..<probe }
            start = bytes.index(after: found)
        }
        return nil
    }

    /// Whether `needle`'s UTF-8 bytes occur in this text; see ``firstUTF8Range(of:)``.
    func containsUTF8(_ needle: String) -> Bool { firstUTF8Range(of: needle) != nil }
}
