import EMQXJSON
import PropertyBased
import Testing

/// `OrderedMap` behaves as a list of distinct keys in insertion order, at every size: small maps searched key by
/// key, tables that grow, and removals that move later keys up or leave holes.
@Suite(.timeLimit(.minutes(2)))
struct OrderedMapTests {
    /// Keys that collide often enough to update and remove: small, long (stored out of line) and canonically
    /// equal spellings ("é" written as one or two scalars is one key, as for `Dictionary`).
    static let keys: [String] =
        (0..<40).map { "k\($0)" } + (0..<8).map { "a key long enough to be stored out of line \($0)" } + [
            "\u{E9}", "e\u{301}", "",
        ]

    enum Step {
        case set(Int, Int)
        case remove(Int)
        case removeAt(Int)
        case addToDefault(Int, Int)

        /// One number picks the kind of step (set half the time), the key and a value in -5...5.
        init(_ pick: Int) {
            let key = pick / 10 % OrderedMapTests.keys.count
            let value = pick / 10 / OrderedMapTests.keys.count - 5
            switch pick % 10 {
            case 0...4: self = .set(key, value)
            case 5, 6: self = .remove(key)
            case 7: self = .removeAt(key)
            default: self = .addToDefault(key, value)
            }
        }
    }

    static let steps = Gen.int(in: 0...(10 * keys.count * 11 - 1)).array(of: 0...120)

    @Test func agreesWithAListOfPairsAfterEveryStep() async {
        await propertyCheck(count: 300, input: Self.steps) { picks in
            var map = OrderedMap<Int>()
            var model: [(key: String, value: Int)] = []
            for step in picks.map(Step.init) {
                switch step {
                case .set(let key, let value):
                    let key = Self.keys[key]
                    let old = map.updateValue(value, forKey: key)
                    if let index = model.firstIndex(where: { $0.key == key }) {
                        #expect(old == model[index].value)
                        model[index].value = value
                    } else {
                        #expect(old == nil)
                        model.append((key, value))
                    }
                case .remove(let key):
                    let key = Self.keys[key]
                    let old = map.removeValue(forKey: key)
                    if let index = model.firstIndex(where: { $0.key == key }) {
                        #expect(old == model.remove(at: index).value)
                    } else {
                        #expect(old == nil)
                    }
                case .removeAt(let position):
                    guard position < model.count, let stored = map.index(forKey: model[position].key) else { continue }
                    let removed = map.remove(at: stored)
                    let expected = model.remove(at: position)
                    #expect(removed.key == expected.key && removed.value == expected.value)
                case .addToDefault(let key, let value):
                    let key = Self.keys[key]
                    map[key, default: 100] += value
                    if let index = model.firstIndex(where: { $0.key == key }) {
                        model[index].value += value
                    } else {
                        model.append((key, 100 + value))
                    }
                }
                Self.expect(map, holds: model)
            }
        }
    }

    @Test(arguments: [7, 8, 9, 12, 13, 100, 10_000])
    func growsAndShrinksKeepingEveryKeyFindable(_ count: Int) {
        var map = OrderedMap<Int>()
        for index in 0..<count { map["key \(index)"] = index }
        #expect(map.count == count)
        // Remove every third key, from the back so each removal also moves later positions up.
        for index in stride(from: count - 1, through: 0, by: -3) { map["key \(index)"] = nil }
        let kept = (0..<count).filter { ($0 - (count - 1)) % 3 != 0 }
        #expect(Array(map.keys) == kept.map { "key \($0)" })
        for index in kept {
            #expect(map.index(forKey: "key \(index)").map { map.key(at: $0) } == "key \(index)")
            #expect(map["key \(index)"] == index)
        }
        for index in 0..<count where !kept.contains(index) { #expect(map["key \(index)"] == nil) }
    }

    /// Removals leave holes, rebuilt away when they outnumber the keys: removing every key oldest first, or newest
    /// first, takes time in proportion to the keys, and the keys left keep their order and places.
    @Test(arguments: [false, true])
    func removingEveryKeyOneByOneKeepsTheRestInOrder(_ newestFirst: Bool) {
        let count = 100_000
        var map = OrderedMap<Int>()
        for index in 0..<count { map["key \(index)"] = index }
        let order = newestFirst ? Array((0..<count).reversed()) : Array(0..<count)
        for (removed, index) in order.enumerated() {
            #expect(map.removeValue(forKey: "key \(index)") == index)
            if removed % 9_999 == 0 {
                let left = newestFirst ? Array(0..<(count - removed - 1)) : Array((removed + 1)..<count)
                #expect(map.count == left.count)
                #expect(Array(map.values) == left)
                #expect(left.allSatisfy { map["key \($0)"] == $0 })
            }
        }
        #expect(map.isEmpty && map.keys.isEmpty)
        map["again"] = 1
        #expect(Array(map.keys) == ["again"])
    }

    /// Keys are hashed by their bytes when ASCII: every length reads its last bytes in overlapping words, and no
    /// two keys that differ in one byte may be mistaken for each other.
    @Test func keysOfEveryLengthDifferingInOneByteAreTold() {
        var map = OrderedMap<Int>()
        var keys: [String] = []
        for length in 0...24 {
            let base = Array(repeating: UInt8(ascii: "a"), count: length)
            keys.append(String(decoding: base, as: UTF8.self))
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "b")
                keys.append(String(decoding: changed, as: UTF8.self))
            }
        }
        for (index, key) in keys.enumerated() { map[key] = index }
        #expect(map.count == keys.count)
        for (index, key) in keys.enumerated() { #expect(map[key] == index, "\(key)") }
        #expect(map["c"] == nil && map["aaaaaaaaac"] == nil)
    }

    /// A key is found under any text equal to it as a string, as a map searched key by key finds it: the three
    /// characters canonically equivalent to ASCII ones, and composed and decomposed accents.
    @Test(arguments: [
        ("\u{212A}elvin", "Kelvin"), ("a\u{37E}b", "a;b"), ("x\u{1FEF}", "x`"), ("caf\u{E9}", "cafe\u{301}"),
        ("\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}\u{212A}", "KKKKKKKKK"),
    ])
    func equivalentKeysAreOneKey(_ written: String, _ read: String) {
        for count in [1, 9, 100] {
            var map = OrderedMap<Int>()
            for index in 1..<count { map["filler \(index)"] = index }
            map[written] = 0
            #expect(map[read] == 0, "\(count) keys")
            map[read] = 1
            #expect(map.count == count && map[written] == 1, "\(count) keys")
        }
    }

    @Test func mapValuesKeepsTheKeysInOrderAndChangesNeitherMap() {
        var map = OrderedMap<Int>()
        for index in 0..<50 { map["k\(index)"] = index }
        var doubled = map.mapValues { String($0 * 2) }
        #expect(Array(doubled.keys) == Array(map.keys))
        #expect(doubled["k49"] == "98")
        doubled["new"] = "x"
        #expect(doubled.index(forKey: "new") == 50 && map["new"] == nil && map.count == 50)
    }

    @Test func mapsMadeFromOneShapeChangeOnlyThemselves() {
        let shape = OrderedMap<Int>(uniqueKeysWithValues: [("id", 0), ("site", 0)])
        var first = OrderedMap<String>(keysOf: shape, values: ["a", "b"])
        let second = OrderedMap<String>(keysOf: shape, values: ["c", "d"])
        first["load"] = "e"
        first["id"] = nil
        #expect(Array(first.keys) == ["site", "load"] && first["site"] == "b" && first["load"] == "e")
        #expect(Array(second.keys) == ["id", "site"] && second["id"] == "c" && second["site"] == "d")
        #expect(Array(shape.keys) == ["id", "site"])
    }

    @Test func literalsEqualityAndOrder() {
        let map: OrderedMap<Int> = ["b": 1, "a": 2, "b": 3]
        #expect(Array(map.keys) == ["b", "a"] && map["b"] == 3)
        #expect(map != ["a": 2, "b": 3])
        #expect(map == ["b": 3, "a": 2])
        #expect(map.filter { $0.value > 2 } == ["b": 3])
        #expect(map.merging(["c": 4, "a": 5], uniquingKeysWith: +) == ["b": 3, "a": 7, "c": 4])
    }

    static func expect(_ map: OrderedMap<Int>, holds model: [(key: String, value: Int)]) {
        #expect(map.count == model.count)
        #expect(Array(map.keys) == model.map(\.key))
        #expect(Array(map.values) == model.map(\.value))
        #expect(map.elements.map(\.key) == model.map(\.key))
        #expect(map == OrderedMap(uniqueKeysWithValues: model.map { ($0.key, $0.value) }))
        for pair in model {
            let position = map.index(forKey: pair.key)
            #expect(position.map { map.key(at: $0) } == pair.key)
            #expect(position.map { map[valueAt: $0] } == pair.value)
            #expect(position.map { map.holds(pair.key, at: $0) } == true)
        }
        // Holes never outnumber the keys, so every stored position is below twice the count and one: a hole's empty
        // key must not pass for a key the map holds.
        for position in -1...(2 * model.count + 2) where map.holds("", at: position) {
            #expect(map.index(forKey: "") == position)
        }
        for key in keys where !model.contains(where: { $0.key == key }) { #expect(map[key] == nil) }
    }
}
