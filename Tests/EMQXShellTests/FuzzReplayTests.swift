import EMQXTestSupport
import Foundation
import Testing

/// Every seed and every input the fuzzers kept (Tests/Fuzz/) runs through its target without a crash.
@Suite struct FuzzReplayTests {
    static let fuzz = EndToEnd.root.appendingPathComponent(".build/debug/emqxsh-fuzz").path
    static let targets = ["json", "config", "transcript", "digest", "mqtt", "http"]

    static func inputs(_ target: String) -> [String] {
        ["Seeds", "Regressions"].flatMap { folder -> [String] in
            let directory = EndToEnd.root.appendingPathComponent("Tests/Fuzz/\(folder)/\(target)").path
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { directory + "/" + $0 }
        }
    }

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: fuzz), "build emqxsh-fuzz first"), arguments: targets)
    func keptInputsReplayCleanly(_ target: String) async throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "every target has seeds")
        let replay = try PeerProcess(
            Self.fuzz, files, environment: ["EMQXSH_FUZZ_TARGET": target, "SWIFT_BACKTRACE": "enable=no"])
        let result = await replay.finish(within: 120)
        #expect(result.status == 0, "\(target): \(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("ok: ") }.count == files.count)
    }
}
