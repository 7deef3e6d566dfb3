import Dispatch
import EMQXScript

/// The language: parser and, when it parses, the interpreter, with bounded work.
enum LanguageTarget {
    static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let done = DispatchSemaphore(value: 0)
        Task {
            let interpreter = Interpreter(host: FuzzHost())
            interpreter.maximumSteps = 10_000
            interpreter.maximumCallDepth = 64
            _ = try? await interpreter.run(text, sourceName: "fuzz")
            done.signal()
        }
        done.wait()
    }
}

/// A host whose commands answer at once, so programs exercise the language, not I/O.
final class FuzzHost: ScriptHost {
    func hasCommand(_ name: String) -> Bool { name == "echo" || name == "items" }
    func runCommand(_ name: String, arguments: [CommandArgument], at location: SourceLocation) async throws -> Value {
        if name == "items" { return .stream(ValueStream(name: "items", values: [1, 2, 3])) }
        return .list(arguments.map { if case .value(let v) = $0 { return v } else { return .string("flag") } })
    }
    func show(_ value: Value) async throws { _ = value.displayText }
    func print(_ text: String) async {}
    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        SourceText(name: path, text: "let sourced = 1")
    }
    func environment(_ name: String) -> String? { nil }
    func now() -> Double { 0 }
    func sleep(seconds: Double) async throws {}
}
