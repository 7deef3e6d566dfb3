extension Builtins {
    /// Strings.
    static let text: [String: Builtin] = [
        "upper": Builtin(1...1, lent: { args, _ in ASCIIText.changingCase(args, toUpper: true).map(Value.string) }) {
            call, args in .string(try call.string(args[0]).uppercased())
        },
        "lower": Builtin(1...1, lent: { args, _ in ASCIIText.changingCase(args, toUpper: false).map(Value.string) }) {
            call, args in .string(try call.string(args[0]).lowercased())
        },
        "trim": Builtin(1...1) { call, args in
            let text = try call.string(args[0])
            return .string(text.trimmingSpaces())
        },
        "join": Builtin(1...2, lent: { ASCIIText.join($0, using: $1).map(Value.string) }) { call, args in
            let separator = args.count == 2 ? try call.string(args[1]) : ""
            let items = try call.list(args[0])
            var text = ""
            for (index, item) in items.enumerated() {
                if index > 0 { text += separator }
                if case .string(let piece) = item { text += piece } else { text += item.displayText }
            }
            return .string(text)
        },
        "split": Builtin(1...2, lent: { args, _ in ASCIIText.split(args).map(Value.list) }) { call, args in
            let text = try call.string(args[0])
            guard args.count == 2 else {
                return .list(text.split(whereSeparator: \.isWhitespace).map { .string(String($0)) })
            }
            let separator = try call.string(args[1])
            guard !separator.isEmpty else { return .list(text.map { .string(String($0)) }) }
            return .list(text.split(separator: separator, omittingEmptySubsequences: false).map { .string(String($0)) })
        },
        "contains": Builtin(2...2, lent: { args, _ in ASCIIText.contains(args).map(Value.bool) }) { call, args in
            switch args[0] {
            case .string(let text):
                // The byte path was tried first, as the short way.
                return .bool(text.contains(try call.string(args[1])))
            case .list(let l): return .bool(l.contains(args[1]))
            case .map(let m): return .bool(m[try call.string(args[1])] != nil)
            default: throw call.typeError("a string, list or map", args[0])
            }
        },
        "starts_with": Builtin(2...2) { call, args in
            let (text, part) = (try call.string(args[0]), try call.string(args[1]))
            return .bool(ASCIIText.hasEnd(text, part, atStart: true) ?? text.hasPrefix(part))
        },
        "ends_with": Builtin(2...2) { call, args in
            let (text, part) = (try call.string(args[0]), try call.string(args[1]))
            return .bool(ASCIIText.hasEnd(text, part, atStart: false) ?? text.hasSuffix(part))
        },
        "replace": Builtin(3...3, lent: { args, scratch in ASCIIText.replace(args, using: scratch) }) { call, args in
            let text = try call.string(args[0])
            let old = try call.string(args[1])
            guard !old.isEmpty else { throw call.error(.value, "the text to replace is empty") }
            let new = try call.string(args[2])
            return .string(text.replacing(old, with: new))
        },
        "format": Builtin(1...Int.max) { call, args in
            let template = try call.string(args[0])
            let values = args.dropFirst()
            if let text = ASCIIText.format(template, values, using: call.textScratch) { return .string(text) }
            return .string(try formatTemplate(template, Array(values), call))
        },
        "matches": Builtin(2...2) { call, args in
            let pattern = try call.interpreter.textPattern(try call.string(args[1]), call.position, call.context)
            return try pattern.groups(in: try call.string(args[0]))
        },
    ]

    /// `format("{} of {}", a, b)`, `format("{1} {0}", a, b)`; `{{` and `}}` are literal braces.
    static func formatTemplate(_ template: String, _ values: [Value], _ call: BuiltinCall) throws -> String {
        var out = ""
        var next = 0
        var characters = Array(template)[...]
        while let c = characters.popFirst() {
            if c == "{" && characters.first == "{" || c == "}" && characters.first == "}" {
                characters.removeFirst()
                out.append(c)
                continue
            }
            guard c == "{" else {
                out.append(c)
                continue
            }
            var digits = ""
            while let d = characters.first, d != "}" {
                digits.append(d)
                characters.removeFirst()
            }
            guard characters.popFirst() == "}" else { throw call.error(.value, "unclosed '{' in the template") }
            let index: Int
            if digits.isEmpty {
                index = next
                next += 1
            } else {
                guard let number = Int(digits), number >= 0 else {
                    throw call.error(.value, "'{\(digits)}' is not a placeholder; use {} or {0}")
                }
                index = number
            }
            guard index < values.count else {
                throw call.error(
                    .argumentCount,
                    "the template has a placeholder for argument \(UInt(index) + 1), but \(values.count) "
                        + "argument\(values.count == 1 ? " was" : "s were") given"
                )
            }
            out += values[index].displayText
        }
        return out
    }
}
