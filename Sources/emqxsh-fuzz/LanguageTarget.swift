import Dispatch
import Synchronization

@testable import EMQXScript

/// The language: parser and, when it parses, the interpreter, with bounded work, run twice: compiled where it can be
/// and through the general evaluator only. The two must print the same and end the same way.
enum LanguageTarget {
    static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let done = DispatchSemaphore(value: 0)
        Task {
            let compiled = await outcome(text, compiled: true)
            let general = await outcome(text, compiled: false)
            for ending in [compiled, general] where ending.contains("internal:") {
                fatalError("the interpreter failed itself: \(ending)")
            }
            // A budget ends the two runs at different places: they count steps differently.
            let limited = [compiled, general].contains { $0.contains("STEP_LIMIT") || $0.contains("RECURSION_LIMIT") }
            if !limited, compiled != general {
                fatalError("the compiled path and the general evaluator disagree:\n\(compiled)\n---\n\(general)")
            }
            done.signal()
        }
        done.wait()
    }

    /// What a run prints, then how it ended.
    private static func outcome(_ text: String, compiled: Bool) async -> String {
        let host = FuzzHost()
        let interpreter = Interpreter(host: host)
        interpreter.compilesPureParts = compiled
        interpreter.maximumSteps = 10_000
        interpreter.maximumCallDepth = 64
        do {
            try await interpreter.run(text, sourceName: "fuzz")
            return host.output + "\n[end]"
        } catch let exit as ScriptExit {
            return host.output + "\n[exit \(exit.status)]"
        } catch let error as ScriptError {
            return host.output + "\n\(error.code) \(error.message)"
        } catch {
            return host.output + "\n\(error)"
        }
    }
}

/// A host whose commands answer at once, so programs exercise the language, not I/O. As the shell does, it writes
/// the output of a parallel loop's items in item order: unordered, the two runs of one program would differ.
final class FuzzHost: ScriptHost {
    private let printed = Mutex("")
    /// What the program printed and showed.
    var output: String { printed.withLock { $0 } }

    /// The output of the parallel item this task runs, held until the items before it are written.
    @TaskLocal static var item: ItemOutput?

    final class ItemOutput: Sendable {
        let text = Mutex("")
    }

    private func write(_ text: String) {
        if let item = Self.item { item.text.withLock { $0 += text } } else { printed.withLock { $0 += text } }
    }

    func parallelScope() -> any ParallelScope { OrderedScope(host: self) }

    final class OrderedScope: ParallelScope {
        let host: FuzzHost
        private let order = ItemOrder<String>()

        init(host: FuzzHost) { self.host = host }

        func run(item index: Int, _ body: @Sendable () async throws -> Void) async throws {
            let item = ItemOutput()
            defer {
                let output = item.text.withLock { $0 }
                host.write(order.finish(index, with: output).joined())
            }
            try await FuzzHost.$item.withValue(item) { try await body() }
        }
    }

    func hasCommand(_ name: String) -> Bool { name == "echo" || name == "items" }
    func runCommand(_ name: String, arguments: [CommandArgument], at location: SourceLocation) async throws -> Value {
        if name == "items" { return .stream(ValueStream(name: "items", values: [1, 2, 3])) }
        return .list(arguments.map { if case .value(let v) = $0 { return v } else { return .string("flag") } })
    }
    func show(_ value: Value) async throws {
        let text = value.displayText
        write(text + "\n")
    }
    func print(_ text: String) { write(text) }
    func readSource(_ path: String, from sourceName: String) async throws -> SourceText {
        SourceText(name: path, text: "let sourced = 1")
    }
    func environment(_ name: String) -> String? { nil }
    func now() -> Double { 0 }
    func sleep(seconds: Double) async throws {}
}
