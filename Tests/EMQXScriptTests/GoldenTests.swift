import EMQXScript
import Foundation
import Testing

/// Every `Golden/*.emqx` program runs and prints exactly its `.out`, or fails with exactly its `.err`.
///
/// `EMQXSH_UPDATE_GOLDEN=1 swift test --filter GoldenTests` writes the expected files that are
/// missing, to be read and checked by hand before they are committed.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let programs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".emqx") && !$0.hasPrefix("lib-") }.sorted()
    }()

    @Test func corpusIsLargeEnough() {
        #expect(Self.programs.count >= 80, "only \(Self.programs.count) golden programs")
    }

    @Test(arguments: programs)
    func program(_ name: String) async throws {
        let url = Self.directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var files: [String: String] = [:]
        for library in (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        where library.hasPrefix("lib-") {
            files[library] = try String(contentsOf: Self.directory.appendingPathComponent(library), encoding: .utf8)
        }
        let host = RecordingHost(files: files, environment: ["EMQX_TEST": "yes"])
        let interpreter = Interpreter(host: host)
        var actual: String
        var kind = "out"
        do {
            try await interpreter.run(text, sourceName: name)
            actual = host.output
        } catch let exit as ScriptExit {
            actual = host.output + "\n[exit \(exit.status)]"
        } catch {
            kind = "err"
            actual = host.output.isEmpty ? "\(error)" : host.output + "\n" + "\(error)"
        }
        let base = url.deletingPathExtension()
        let outURL = base.appendingPathExtension("out")
        let errURL = base.appendingPathExtension("err")
        let expectedURL = FileManager.default.fileExists(atPath: errURL.path) ? errURL : outURL
        guard let expected = try? String(contentsOf: expectedURL, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["EMQXSH_UPDATE_GOLDEN"] == "1" {
                try (actual + "\n").write(to: kind == "err" ? errURL : outURL, atomically: true, encoding: .utf8)
            }
            Issue.record("\(name) has no expected .out or .err file")
            return
        }
        #expect(
            kind == expectedURL.pathExtension, "\(name) should end with .\(expectedURL.pathExtension), not .\(kind)")
        #expect(actual + "\n" == expected, "\(name)")
    }
}
