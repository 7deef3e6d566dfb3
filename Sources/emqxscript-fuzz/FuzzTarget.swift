import Dispatch
import EMQXScript
import Foundation

/// Runs one input through the parser and, when it parses, the interpreter, with bounded work.
///
/// Built with `-sanitize=fuzzer -DFUZZING` by `scripts/fuzz` it is a libFuzzer target;
/// otherwise it runs the files named on its command line, to replay what the fuzzer found.
func runOne(_ text: String) {
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

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    runOne(text)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
@_cdecl("emqxscript_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
#else
@main
struct Replay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            runOne(try String(contentsOfFile: path, encoding: .utf8))
            print("ok: \(path)")
        }
    }
}
#endif
