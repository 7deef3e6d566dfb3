import EMQXJSON

extension Builtins {
    /// Types, conversions and collections.
    static let core: [String: Builtin] = [
        "len": Builtin(1...1, lent: lentLength) { call, args in
            switch args[0] {
            case .string(let s): return .int(Int64(ASCIIText.characterCount(s)))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            case .null: return .int(0)
            default: throw call.typeError("a string, list or map", args[0])
            }
        },
        "type": Builtin(1...1) { _, args in .string(args[0].typeName) },
        "str": Builtin(1...1) { _, args in .string(args[0].displayText) },
        "int": Builtin(1...1) { call, args in
            switch args[0] {
            case .int: return args[0]
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d):
                guard d.isFinite, let i = Int64(exactly: d.rounded(.towardZero)) else {
                    throw call.error(.overflow, "\(d) does not fit in a 64-bit integer")
                }
                return .int(i)
            case .string: return .int(try call.int(args[0]))
            default: throw call.typeError("a number, bool or numeric string", args[0])
            }
        },
        "float": Builtin(1...1) { call, args in .double(try call.number(args[0])) },
        "bool": Builtin(1...1) { _, args in .bool(args[0].isTruthy) },
        "keys": Builtin(1...1) { call, args in
            guard case .map(let m) = args[0] else { throw call.typeError("a map", args[0]) }
            return .list(m.keys.map { .string($0) })
        },
        "values": Builtin(1...1) { call, args in
            guard case .map(let m) = args[0] else { throw call.typeError("a map", args[0]) }
            return .list(Array(m.values))
        },
        "get": Builtin(2...3, lent: lentGet) { call, args in
            let fallback = args.count == 3 ? args[2] : .null
            switch (args[0], args[1]) {
            case (.map(let m), .string(let key)): return m[key] ?? fallback
            case (.list(let l), .int(let i)): return call.interpreter.listOffset(i, l.count).map { l[$0] } ?? fallback
            case (.null, _): return fallback
            default: throw call.typeError("a map and a key, or a list and an index", args[0])
            }
        },
        "set": Builtin(3...3) { call, args in
            switch (args[0], args[1]) {
            case (.map(var m), .string(let key)):
                m[key] = args[2]
                return .map(m)
            case (.list(var l), .int(let i)):
                guard let offset = call.interpreter.listOffset(i, l.count) else {
                    throw call.error(.index, "index \(i) is out of range for a list of \(l.count)")
                }
                l[offset] = args[2]
                return .list(l)
            default: throw call.typeError("a map and a key, or a list and an index", args[0])
            }
        },
        "remove": Builtin(2...2) { call, args in
            switch (args[0], args[1]) {
            case (.map(var m), .string(let key)):
                m.removeValue(forKey: key)
                return .map(m)
            case (.list(var l), .int(let i)):
                guard let offset = call.interpreter.listOffset(i, l.count) else {
                    throw call.error(.index, "index \(i) is out of range for a list of \(l.count)")
                }
                l.remove(at: offset)
                return .list(l)
            default: throw call.typeError("a map and a key, or a list and an index", args[0])
            }
        },
        "append": Builtin(2...Int.max) { call, args in
            var list = try call.list(args[0])
            list.append(contentsOf: args.dropFirst())
            return .list(list)
        },
        "slice": Builtin(2...3, lent: { args, _ in ASCIIText.slice(args).map(Value.string) }) { call, args in
            switch args[0] {
            case .list, .string: break
            default: throw call.typeError("a list or string", args[0])
            }
            let from = try call.int(args[1])
            let to = args.count == 3 ? try call.int(args[2]) : nil
            if case .string(let s) = args[0] { return .string(ASCIIText.slice(s, from: from, to: to)) }
            let list = try call.list(args[0])
            return .list(Array(list[ASCIIText.sliceRange(list.count, from: from, to: to)]))
        },
        "reverse": Builtin(1...1) { call, args in
            if case .string(let s) = args[0] { return .string(ASCIIText.reversed(s) ?? String(s.reversed())) }
            return .list(try call.list(args[0]).reversed())
        },
        "unique": Builtin(1...1) { call, args in
            var seen = Set<HashableValue>()
            var firsts: [Value] = []
            for item in try call.list(args[0]) where seen.insert(HashableValue(value: item)).inserted {
                firsts.append(item)
            }
            return .list(firsts)
        },
        "range": Builtin(1...3) { call, args in
            let from = args.count == 1 ? 0 : try call.int(args[0])
            let to = try call.int(args[args.count == 1 ? 0 : 1])
            let step = args.count == 3 ? try call.int(args[2]) : 1
            guard step != 0 else { throw call.error(.value, "the step cannot be 0") }
            // In doubles: the span of Int64.min...Int64.max does not fit an Int64.
            let count = max(0, ((Double(to) - Double(from)) / Double(step)).rounded(.up))
            guard count <= 10_000_000 else {
                throw call.error(
                    .value, "a range of more than 10000000 items is too large; loop over a..b with 'for' instead")
            }
            // Stepped by hand: `stride` traps when the step after the last item passes Int64's end.
            var items: [Value] = []
            items.reserveCapacity(Int(count))
            var current = from
            while step > 0 ? current < to : current > to {
                items.append(.int(current))
                let (next, overflow) = current.addingReportingOverflow(step)
                if overflow { break }
                current = next
            }
            return .list(items)
        },
        "json": Builtin(1...2) { call, args in
            let pretty = args.count == 2 && args[1].isTruthy
            guard let text = JSONWriter.encode(args[0], pretty: pretty) else {
                throw call.typeError("a value that JSON can hold", args[0])
            }
            return .string(text)
        },
        "parse_json": Builtin(1...1) { call, args in
            do { return Value(json: try JSONParser.parse(try call.string(args[0]))) } catch let error as JSONParseError
            {
                throw call.error(.value, error.description)
            }
        },
        "error": Builtin(1...3) { call, args in
            let code = args.count >= 2 ? try call.string(args[0]) : ScriptError.Code.thrown.name
            let message = try call.string(args[args.count >= 2 ? 1 : 0])
            return .error(
                ErrorValue(
                    code: code, message: message, location: call.interpreter.location(call.position, call.context),
                    details: args.count == 3 ? args[2] : .null))
        },
    ]

    /// `len()` of a list, map or string, read where the argument is lent (``Value/count(at:)``); nil for anything
    /// else, which the body answers.
    private static func lentLength(_ args: Arguments, _: TextScratch) -> Value? {
        guard args.count == 1 else { return nil }
        return Value.count(at: UnsafeMutablePointer(mutating: args.base)).map { .int(Int64($0)) }
    }

    /// `get(map, key)` and `get(map, key, fallback)` with a string key, the map read where the argument is lent
    /// (``Value/withMap(at:_:)``): the body's `switch` on the arguments copied the map. Nil for anything else, which
    /// the body answers.
    private static func lentGet(_ args: Arguments, _: TextScratch) -> Value? {
        // Short ways run before the count is checked: the body's call says what a wrong count is.
        guard (2...3).contains(args.count), case .string(let key) = args[1] else { return nil }
        let found = Value.withMap(at: UnsafeMutablePointer(mutating: args.base)) { map in map[key] }
        guard let found else { return nil }
        return found ?? (args.count == 3 ? args[2] : .null)
    }
}
