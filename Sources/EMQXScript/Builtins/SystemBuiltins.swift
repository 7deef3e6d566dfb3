extension Builtins {
    /// Output, time, environment and sleeping: each goes through the host.
    static let system: [String: Builtin] = [
        "print": Builtin(0...Int.max) { call, args in
            call.interpreter.host.print(args.map(\.displayText).joined(separator: " "))
            return .null
        },
        "env": Builtin(1...2) { call, args in
            call.interpreter.host.environment(try call.string(args[0])).map(Value.string)
                ?? (args.count == 2 ? args[1] : .null)
        },
        "now": Builtin(0...0) { call, _ in .double(call.interpreter.host.now()) },
        "sleep": Builtin(1...1) { call, args in
            let seconds = try call.number(args[0])
            guard seconds >= 0, seconds <= 86_400 else {
                throw call.error(.value, "sleep takes 0 to 86400 seconds, not \(seconds)")
            }
            do {
                try await call.interpreter.outsideGate { try await call.interpreter.host.sleep(seconds: seconds) }
            } catch {
                throw call.interpreter.fail(.cancelled, "interrupted", call.position, call.context)
            }
            return .null
        },
        "format_time": Builtin(1...2) { call, args in
            let seconds = try call.number(args[0])
            guard seconds.isFinite, UTCTime.supportedSeconds.contains(seconds) else {
                throw call.error(
                    .value,
                    "format_time takes seconds from year 1 to 9999 (-62135596800 to 253402300799), not \(seconds)")
            }
            let pattern = args.count == 2 ? try call.string(args[1]) : "%Y-%m-%dT%H:%M:%SZ"
            return .string(try UTCTime(seconds: seconds).format(pattern, call))
        },
    ]
}

/// A UTC calendar time, computed without Foundation (days-from-civil, Howard Hinnant's algorithm).
struct UTCTime {
    var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, millisecond: Int64

    /// Years 1 to 9999: what four digits of %Y can show, and far inside what Int64 arithmetic below can hold.
    static let supportedSeconds: ClosedRange<Double> = -62_135_596_800...253_402_300_799.999

    init(seconds: Double) {
        let whole = Int64(seconds.rounded(.down))
        millisecond = Int64(((seconds - Double(whole)) * 1000).rounded(.down))
        var days = whole / 86_400
        var rest = whole % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        hour = rest / 3600
        minute = rest / 60 % 60
        second = rest % 60
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// strftime's common directives: %Y %m %d %H %M %S %L (milliseconds) %F %T %%.
    func format(_ pattern: String, _ call: BuiltinCall) throws -> String {
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var out = ""
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            guard c == "%" else {
                out.append(c)
                continue
            }
            switch iterator.next() {
            case "Y": out += pad(year, 4)
            case "m": out += pad(month, 2)
            case "d": out += pad(day, 2)
            case "H": out += pad(hour, 2)
            case "M": out += pad(minute, 2)
            case "S": out += pad(second, 2)
            case "L": out += pad(millisecond, 3)
            case "F": out += "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
            case "T": out += "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            case "%": out += "%"
            case let other?:
                throw call.error(.value, "unknown directive %\(other); use %Y %m %d %H %M %S %L %F %T or %%")
            case nil: throw call.error(.value, "the pattern ends with a lone %")
            }
        }
        return out
    }
}
