extension Builtins {
    /// Functions over lists that take lambdas: `map($l, |x| $x * 2)`.
    static let functional: [String: Builtin] = [
        "map": Builtin(2...2) { call, args in
            let items = try call.list(args[0])
            var out: [Value] = []
            out.reserveCapacity(items.count)
            if let direct = call.directly(args[1]) {
                for item in items { out.append(try direct(item)) }
            } else {
                for item in items { out.append(try await call.call(args[1], [item])) }
            }
            return .list(out)
        },
        "filter": Builtin(2...2) { call, args in
            let items = try call.list(args[0])
            var out: [Value] = []
            if let direct = call.directly(args[1]) {
                for item in items where try direct(item).isTruthy { out.append(item) }
            } else {
                for item in items where try await call.call(args[1], [item]).isTruthy { out.append(item) }
            }
            return .list(out)
        },
        "any": Builtin(1...2) { call, args in
            for item in try call.list(args[0]) {
                if args.count == 1 ? item.isTruthy : try await call.call(args[1], [item]).isTruthy {
                    return .bool(true)
                }
            }
            return .bool(false)
        },
        "all": Builtin(1...2) { call, args in
            for item in try call.list(args[0]) {
                if !(args.count == 1 ? item.isTruthy : try await call.call(args[1], [item]).isTruthy) {
                    return .bool(false)
                }
            }
            return .bool(true)
        },
        "sort": Builtin(1...2) { call, args in
            let items = try call.list(args[0])
            var keys: [Value]
            if args.count == 1 {
                keys = items
            } else {
                keys = []
                keys.reserveCapacity(items.count)
                if let direct = call.directly(args[1]) {
                    for item in items { keys.append(try direct(item)) }
                } else {
                    for item in items { keys.append(try await call.call(args[1], [item])) }
                }
            }
            switch SortOrder.ascending(keys, compare: call.interpreter.compare) {
            case .success(let order): return .list(order.map { items[$0] })
            case .failure(let pair):
                throw call.error(
                    .type, "cannot order \(call.interpreter.describe(pair.a)) and \(call.interpreter.describe(pair.b))")
            }
        },
        "sum": Builtin(1...1) { call, args in
            var total: Value = .int(0)
            for item in try call.list(args[0]) {
                total = try call.interpreter.binary(.add, total, item, call.position, call.context)
            }
            return total
        },
        "min": Builtin(1...Int.max) { call, args in try extreme(call, args, wantLess: true) },
        "max": Builtin(1...Int.max) { call, args in try extreme(call, args, wantLess: false) },
        "round": Builtin(1...2) { call, args in
            let value = try call.number(args[0])
            guard args.count == 2 else {
                let rounded = value.rounded()
                guard let i = Int64(exactly: rounded) else { return .double(rounded) }
                return .int(i)
            }
            let digits = try call.int(args[1])
            var scale = 1.0
            for _ in 0..<min(max(digits, 0), 15) { scale *= 10 }
            return .double((value * scale).rounded() / scale)
        },
        "abs": Builtin(1...1) { call, args in
            switch args[0] {
            case .int(let i):
                guard i != .min else { throw call.error(.overflow, "abs(\(i)) does not fit in 64 bits") }
                return .int(abs(i))
            default: return .double(abs(try call.number(args[0])))
            }
        },
    ]

    /// min/max of a list, or of the arguments.
    static func extreme(_ call: BuiltinCall, _ args: Arguments, wantLess: Bool) throws -> Value {
        let items = args.count == 1 ? try call.list(args[0]) : Array(args)
        guard var best = items.first else { throw call.error(.value, "the list is empty") }
        for item in items.dropFirst() {
            guard let order = call.interpreter.compare(item, best) else {
                throw call.error(
                    .type, "cannot order \(call.interpreter.describe(item)) and \(call.interpreter.describe(best))")
            }
            if wantLess ? order < 0 : order > 0 { best = item }
        }
        return best
    }
}
