/// Objects, sharing one set of keys across a list of records.
extension JSONReader {
    /// Reads an object. A page of records repeats one shape: when an object has the same keys in the same order as
    /// the last object read at its depth, it takes that object's keys and their hash table as they are, so no key
    /// is hashed again and a thousand records hold one copy of their keys.
    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        index += 1
        let level = depth
        let shape = level < shapes.count ? shapes[level] : nil
        var keys: [String] = []
        var values: [JSONValue] = []
        keys.reserveCapacity(shape?.count ?? 0)
        values.reserveCapacity(shape?.count ?? 0)
        var sameShape = shape != nil
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object([:])
        }
        repeat {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("unexpected \(describeHere()), expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeHere()), expected ':'") }
            index += 1
            skipWhitespace()
            sameShape = sameShape && keys.count < (shape?.count ?? 0) && shape?.keys[keys.count] == key
            keys.append(key)
            values.append(try parseValue())
        } while try anotherMember(before: UInt8(ascii: "}"))
        depth -= 1
        if sameShape, let shape, keys.count == shape.count {
            // mapValues keeps the keys and visits the values in order.
            var position = 0
            return .object(
                shape.mapValues { _ in
                    defer { position += 1 }
                    return values[position]
                })
        }
        // A key given twice keeps its first place and its last value.
        var object = JSONObject(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { object[key] = value }
        while shapes.count <= level { shapes.append(nil) }
        shapes[level] = object
        return .object(object)
    }
}
