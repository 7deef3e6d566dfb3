/// Objects, sharing one set of keys across a list of records.
extension JSONReader {
    /// The last object read at a depth, and once an object repeated its keys, those keys as bytes.
    struct ObjectShape {
        let object: JSONObject
        var keyIndex: KeyIndex?
    }

    /// An object's keys as the bytes a JSON text writes them in without escapes, to compare the next object's keys
    /// with in place.
    final class KeyIndex {
        /// Every key's UTF-8 bytes, end to end.
        private let keyBytes: UnsafeMutableBufferPointer<UInt8>
        /// Where each key's bytes start in `keyBytes`, and how many there are; a count of -1 for a key holding a
        /// quote, a backslash or a control character, which a JSON text must escape.
        private let keySpans: UnsafeMutableBufferPointer<(start: Int, count: Int)>

        init(_ keys: ContiguousArray<String>) {
            var bytes: [UInt8] = []
            var spans: [(start: Int, count: Int)] = []
            for key in keys {
                let utf8 = Array(key.utf8)
                let escaped = utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }
                spans.append((bytes.count, escaped ? -1 : utf8.count))
                if !escaped { bytes += utf8 }
            }
            keyBytes = .allocate(capacity: bytes.count)
            _ = keyBytes.initialize(from: bytes)
            keySpans = .allocate(capacity: spans.count)
            _ = keySpans.initialize(from: spans)
        }

        deinit {
            keyBytes.deallocate()
            keySpans.deallocate()
        }

        /// Where the string at `start` in `text` ends (past its closing quote) when it is key `position` written
        /// without escapes; nil otherwise.
        func endOfKey(_ position: Int, in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
            guard position < keySpans.count else { return nil }
            let (keyStart, count) = keySpans[position]
            let end = start + 1 + count
            guard count >= 0, end < text.count, text[end] == UInt8(ascii: "\""), let base = text.baseAddress,
                let key = keyBytes.baseAddress
            else { return nil }
            // Eight bytes at a time: keys are mostly a word or two long.
            let (written, expected) = (UnsafeRawPointer(base + start + 1), UnsafeRawPointer(key + keyStart))
            var offset = 0
            while offset + 8 <= count {
                guard
                    written.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == expected.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return nil }
                offset += 8
            }
            while offset < count {
                guard
                    written.load(fromByteOffset: offset, as: UInt8.self)
                        == expected.load(fromByteOffset: offset, as: UInt8.self)
                else { return nil }
                offset += 1
            }
            return end + 1
        }
    }

    /// Reads an object. A page of records repeats one shape: when an object has the same keys in the same order as
    /// the last object read at its depth, it takes that object's keys and their hash table as they are, so no key
    /// is hashed again and a thousand records hold one copy of their keys. Once a shape repeats, the next objects'
    /// keys are compared with its keys' bytes in place, so no string is made for them either; objects that take
    /// turns between shapes never pay for those bytes.
    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        let level = depth
        let shape = level < shapes.count ? shapes[level] : nil
        let keyIndex = shape?.keyIndex
        let shapeKeys = shape?.object.keys ?? []
        // The leading keys that are the shape's; while they match by bytes, `keys` stays empty.
        var matched = 0
        var sameShape = shape != nil
        var keys: [String] = []
        if keyIndex == nil { keys.reserveCapacity(max(shapeKeys.count, 4)) }
        var values = ContiguousArray<JSONValue>()
        values.reserveCapacity(max(shapeKeys.count, 4))
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object([:])
        }
        repeat {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("unexpected \(describeHere()), expected a string key") }
            if sameShape, let end = keyIndex?.endOfKey(matched, in: bytes, at: index) {
                index = end
                matched += 1
            } else {
                if sameShape, keyIndex != nil { keys = Array(shapeKeys.prefix(matched)) }
                let key = try parseString()
                sameShape = sameShape && keyIndex == nil && matched < shapeKeys.count && shapeKeys[matched] == key
                if sameShape { matched += 1 }
                keys.append(key)
            }
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeHere()), expected ':'") }
            index += 1
            skipWhitespace()
            values.append(try parseValue())
        } while try anotherMember(before: UInt8(ascii: "}"))
        depth -= 1
        if sameShape, let shape {
            if matched == shape.object.count {
                if keyIndex == nil { shapes[level]?.keyIndex = KeyIndex(shape.object.keys) }
                return .object(JSONObject(keysOf: shape.object, values: values))
            }
            if keyIndex != nil { keys = Array(shapeKeys.prefix(matched)) }
        }
        // A key given twice keeps its first place and its last value.
        var object = JSONObject(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { object[key] = value }
        while shapes.count <= level { shapes.append(nil) }
        shapes[level] = ObjectShape(object: object)
        return .object(object)
    }
}
