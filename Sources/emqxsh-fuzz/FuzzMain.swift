#if canImport(Glibc)
import Glibc
#endif

/// One libFuzzer executable for every reader of outside input; `EMQXSH_FUZZ_TARGET` picks which one
/// (language, json, config, transcript, digest, mqtt, http).
///
/// Built with `-sanitize=fuzzer -DFUZZING` by `scripts/fuzz` it is a libFuzzer target; otherwise it runs the
/// files named on its command line through the chosen target, to replay what the fuzzer found.
enum FuzzTargets {
    static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "language": LanguageTarget.run, "json": FormatTargets.json, "config": FormatTargets.config,
        "transcript": FormatTargets.transcript, "digest": FormatTargets.digest, "mqtt": FormatTargets.mqtt,
        "http": FormatTargets.http,
    ]

    static var chosen: ([UInt8]) -> Void {
        let name = getenv("EMQXSH_FUZZ_TARGET").map { String(cString: $0) } ?? "language"
        guard let target = all[name] else {
            complain("unknown target '\(name)'; one of \(all.keys.sorted().joined(separator: ", "))")
            exit(2)
        }
        return target
    }
}

func complain(_ text: String) {
    let line = Array("emqxsh-fuzz: \(text)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

#if FUZZING
nonisolated(unsafe) var selectedTarget: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if selectedTarget == nil { selectedTarget = FuzzTargets.chosen }
    selectedTarget?(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
@_cdecl("emqxsh_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
#else
@main
struct Replay {
    static func main() throws {
        let target = FuzzTargets.chosen
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                complain("cannot read \(path)")
                exit(2)
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while case let count = fread(&chunk, 1, chunk.count, file), count > 0 { bytes += chunk[0..<count] }
            fclose(file)
            target(bytes)
            print("ok: \(path)")
        }
    }
}
#endif
