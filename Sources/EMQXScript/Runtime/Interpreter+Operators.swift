extension Interpreter {
    /// Limits that keep a runaway script from exhausting memory before anything else stops it.
    static let maximumStringBytes = 100_000_000
    static let maximumListCount = 10_000_000

    func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ position: Position, _ context: Context) throws -> Value
    {
        switch op {
        case .add:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                return try checked(x.addingReportingOverflow(y), "\(x) + \(y)", position, context)
            case (.string(let x), .string(let y)):
                guard x.utf8.count + y.utf8.count <= Self.maximumStringBytes else {
                    throw fail(
                        .value, "the joined string would exceed \(Self.maximumStringBytes / 1_000_000) MB", position,
                        context)
                }
                return .string(x + y)
            case (.list(let x), .list(let y)):
                guard x.count + y.count <= Self.maximumListCount else {
                    throw fail(.value, "the joined list would exceed \(Self.maximumListCount) items", position, context)
                }
                return .list(x + y)
            case (.map(var x), .map(let y)):
                for (key, value) in y { x[key] = value }
                return .map(x)
            default: return try arithmetic(op, a, b, position, context)
            }
        case .subtract:
            if case .int(let x) = a, case .int(let y) = b {
                return try checked(x.subtractingReportingOverflow(y), "\(x) - \(y)", position, context)
            }
            return try arithmetic(op, a, b, position, context)
        case .multiply:
            switch (a, b) {
            case (.int(let x), .int(let y)):
                return try checked(x.multipliedReportingOverflow(by: y), "\(x) * \(y)", position, context)
            case (.string(let s), .int(let n)), (.int(let n), .string(let s)):
                guard n >= 0, n <= Int64(Self.maximumStringBytes),
                    Int64(s.utf8.count) * n <= Int64(Self.maximumStringBytes)
                else {
                    throw fail(.value, "cannot repeat a string \(n) times", position, context)
                }
                return .string(String(repeating: s, count: Int(n)))
            default: return try arithmetic(op, a, b, position, context)
            }
        case .divide:
            if case .int(let x) = a, case .int(let y) = b {
                guard y != 0 else { throw fail(.divisionByZero, "division by zero", position, context) }
                // `%` itself traps on Int64.min % -1; the reporting form does not (and the quotient then overflows).
                if x.remainderReportingOverflow(dividingBy: y).partialValue == 0 {
                    return try checked(x.dividedReportingOverflow(by: y), "\(x) / \(y)", position, context)
                }
                return .double(Double(x) / Double(y))
            }
            return try arithmetic(op, a, b, position, context)
        case .remainder:
            if case .int(let x) = a, case .int(let y) = b {
                guard y != 0 else {
                    throw fail(.divisionByZero, "division by zero (remainder of \(x) by 0)", position, context)
                }
                if y == -1 { return .int(0) }  // exact, where the hardware's Int64.min % -1 overflows
                return try checked(x.remainderReportingOverflow(dividingBy: y), "\(x) % \(y)", position, context)
            }
            return try arithmetic(op, a, b, position, context)
        case .equal: return .bool(a == b)
        case .notEqual: return .bool(a != b)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = compare(a, b) else {
                throw fail(.type, "cannot compare \(describe(a)) with \(describe(b))", position, context)
            }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .matches, .notMatches:
            guard case .string(let text) = a, case .string(let pattern) = b else {
                throw fail(
                    .type, "=~ matches a string against a pattern string, not \(describe(a)) and \(describe(b))",
                    position, context)
            }
            let found = try textPattern(pattern, position, context).matches(text)
            return .bool(op == .matches ? found : !found)
        case .contains:
            switch b {
            case .list(let items): return .bool(items.contains(a))
            case .map(let map):
                guard case .string(let key) = a else { return .bool(false) }
                return .bool(map[key] != nil)
            case .string(let text):
                guard case .string(let part) = a else {
                    throw fail(.type, "'in' a string needs a string, not \(describe(a))", position, context)
                }
                return .bool(ASCIIText.contains(text, part) ?? text.contains(part))
            case .null: return .bool(false)
            default:
                throw fail(
                    .type, "'in' needs a list, map or string on its right, not \(describe(b))", position, context)
            }
        }
    }

    private func checked(
        _ result: (partialValue: Int64, overflow: Bool), _ text: @autoclosure () -> String, _ position: Position,
        _ context: Context
    ) throws -> Value {
        if result.overflow {
            throw fail(.overflow, "integer overflow: \(text()) does not fit in 64 bits", position, context)
        }
        return .int(result.partialValue)
    }

    private func arithmetic(
        _ op: BinaryOperator, _ a: Value, _ b: Value, _ position: Position, _ context: Context
    ) throws -> Value {
        guard let x = number(a), let y = number(b) else {
            let hint =
                (a.typeName == "string" || b.typeName == "string") && op == .add
                ? "; use \"${…}\" or str() to join text" : ""
            throw fail(
                .type, "cannot apply '\(op.rawValue)' to \(describe(a)) and \(describe(b))\(hint)", position, context)
        }
        switch op {
        case .add: return .double(x + y)
        case .subtract: return .double(x - y)
        case .multiply: return .double(x * y)
        case .divide:
            guard y != 0 else { throw fail(.divisionByZero, "division by zero", position, context) }
            return .double(x / y)
        default:
            guard y != 0 else { throw fail(.divisionByZero, "division by zero", position, context) }
            return .double(x.truncatingRemainder(dividingBy: y))
        }
    }

    func number(_ value: Value) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// -1, 0 or 1; nil when the two cannot be ordered.
    func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.list(let x), .list(let y)):
            for (p, q) in zip(x, y) {
                guard let order = compare(p, q) else { return nil }
                if order != 0 { return order }
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        default:
            guard let x = number(a), let y = number(b) else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        }
    }

    func regex(_ pattern: String, _ position: Position, _ context: Context) throws -> Regex<AnyRegexOutput> {
        try textPattern(pattern, position, context).regex
    }

    /// A pattern compiled once and kept (up to 256 of them).
    func textPattern(_ pattern: String, _ position: Position, _ context: Context) throws -> TextPattern {
        if let lastPattern, lastPattern.text == pattern { return lastPattern.compiled }
        let compiled: TextPattern
        if let cached = regexCache[pattern] {
            compiled = cached
        } else {
            do {
                compiled = try TextPattern(pattern)
            } catch {
                throw fail(.value, "invalid regular expression \"\(pattern)\"", position, context)
            }
            if regexCache.count > 256 { regexCache.removeAll() }
            regexCache[pattern] = compiled
        }
        lastPattern = (pattern, compiled)
        return compiled
    }

    /// `-x`, the same on both evaluators: `-0.0` stays negative zero, and the minimum integer has no negation.
    func negate(_ value: Value, _ position: Position, _ context: Context) throws -> Value {
        switch value {
        case .int(let i):
            let (result, overflow) = Int64(0).subtractingReportingOverflow(i)
            if overflow { throw fail(.overflow, "the negation of \(i) does not fit in 64 bits", position, context) }
            return .int(result)
        case .double(let d): return .double(-d)
        default: throw fail(.type, "cannot negate \(describe(value))", position, context)
        }
    }
}
