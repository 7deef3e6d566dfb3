import EMQXTestSupport
import Foundation
import Testing

@testable import EMQXScript

/// The compiled path and the tree-walking evaluator agree on every program: the golden corpus, the fuzzer's finds
/// and the hostile inputs each run both ways and must print the same and end with the same error.
@Suite struct EvaluatorDifferentialTests {
    static let golden = GoldenTests.directory
    static let fuzz = FuzzRegressionTests.directory

    static let programs: [String] =
        GoldenTests.programs.map { "golden/\($0)" } + FuzzRegressionTests.found.map { "fuzz/\($0)" }
        + FuzzRegressionTests.hostile.indices.map { "hostile/\($0)" }

    static func text(of program: String) throws -> String {
        let (kind, name) = (program.prefix { $0 != "/" }, String(program.drop { $0 != "/" }.dropFirst()))
        switch kind {
        case "golden": return try String(contentsOf: golden.appendingPathComponent(name), encoding: .utf8)
        case "fuzz": return String(decoding: try Data(contentsOf: fuzz.appendingPathComponent(name)), as: UTF8.self)
        default: return FuzzRegressionTests.hostile[Int(name) ?? 0].text
        }
    }

    /// What a run prints, then how it ended.
    static func outcome(_ text: String, compiled: Bool) async -> String {
        var files: [String: String] = [:]
        for library in (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        where library.hasPrefix("lib-") {
            files[library] = try? String(contentsOf: golden.appendingPathComponent(library), encoding: .utf8)
        }
        let host = RecordingHost(files: files, environment: ["EMQX_TEST": "yes"])
        let interpreter = Interpreter(host: host)
        interpreter.compilesPureParts = compiled
        interpreter.maximumSteps = 200_000
        do {
            try await interpreter.run(text, sourceName: "program")
            return host.output + "\n[end]"
        } catch let exit as ScriptExit {
            return host.output + "\n[exit \(exit.status)]"
        } catch {
            return host.output + "\n\(error)"
        }
    }

    @Test func theCorpusIsThere() { #expect(Self.programs.count >= 100) }

    @Test(arguments: programs)
    func bothEvaluatorsSayTheSame(_ program: String) async throws {
        let text = try Self.text(of: program)
        let compiled = await Self.outcome(text, compiled: true)
        let tree = await Self.outcome(text, compiled: false)
        #expect(compiled == tree, "\(program)")
    }
}

/// Generated programs: expressions over extreme values through every operator, each run both ways.
@Suite struct GeneratedProgramDifferentialTests {
    static let atoms = [
        "0", "1", "-1", "7", "9223372036854775807", "(-9223372036854775807 - 1)", "0.5", "-0.0", "1e308", "\"\"",
        "\"ab\"", "\"7\"", "[]", "[1, \"x\"]", "{a: 1}", "null", "true", "false", "$a", "$b", "$l", "$m",
    ]
    static let binary = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in"]
    static let calls = ["len", "str", "int", "float", "abs", "type", "upper", "keys", "sort", "reverse"]

    static func expression(_ random: inout SplitMix64, depth: Int) -> String {
        guard depth > 0 else { return random.pick(atoms) }
        switch random.next() % 6 {
        case 0: return "-(\(expression(&random, depth: depth - 1)))"
        case 1: return "not (\(expression(&random, depth: depth - 1)))"
        case 2: return "\(random.pick(calls))(\(expression(&random, depth: depth - 1)))"
        case 3: return "\"<${\(expression(&random, depth: depth - 1))}>\""
        case 4: return "(\(expression(&random, depth: depth - 1)))[\(random.pick(["0", "1", "-1", "\"a\""]))]"
        default:
            let (left, right) = (expression(&random, depth: depth - 1), expression(&random, depth: depth - 1))
            return "(\(left) \(random.pick(binary)) \(right))"
        }
    }

    /// A program of guarded statements: each line's error is caught and printed, so one program checks many.
    static let programs: [String] = {
        var random = SplitMix64(state: 12_345)
        return (0..<300).map { _ in
            var lines = ["let a = 3", "let b = \"s\"", "let l = [1, 2, 3]", "let m = {k: 1}"]
            for _ in 0..<6 {
                let target = random.pick(["a", "b", "l", "m"])
                let value = expression(&random, depth: 3)
                let statement = random.pick(["print(\(value))", "\(target) = \(value)", "\(target) += \(value)"])
                lines.append("try { \(statement) } catch e { print $e.code $e.message }")
            }
            lines.append("for i in 0..<3 { a = $a + $i }")
            lines.append("print $a $b $l $m")
            return lines.joined(separator: "\n")
        }
    }()

    @Test(arguments: programs.indices)
    func bothEvaluatorsSayTheSame(_ index: Int) async {
        let text = Self.programs[index]
        let compiled = await EvaluatorDifferentialTests.outcome(text, compiled: true)
        let tree = await EvaluatorDifferentialTests.outcome(text, compiled: false)
        #expect(compiled == tree, "\(text)")
    }
}
