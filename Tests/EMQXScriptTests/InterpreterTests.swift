import EMQXJSON
import EMQXScript
import Testing

@Suite struct InterpreterTests {
    @Test(arguments: [
        ("print(1 + 2)", "3"),
        ("print(\"a\" * 2)", "aa"),
        ("let l = [1,2]\n$l[0] = 9\nprint $l", "[9,2]"),
        ("print(10 / 4)", "2.5"),
        ("print(sort([3, 1, 2], |x| -x))", "[3,2,1]"),
        ("def f(a, b = a * 2) { return a + b }\nprint f(1) f(1, 1)", "3 2"),
        ("let s = 0\nfor k, v in {a: 1, b: 2} { s += v }\nprint $s", "3"),
        ("print(json(parse_json('[1.5, \"x\", {\"k\": null}]')))", "[1.5,\"x\",{\"k\":null}]"),
    ])
    func evaluates(_ program: String, _ expected: String) async throws {
        #expect(try await run(program) == expected)
    }

    @Test func globalsPersistAcrossRuns() async throws {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        try await interpreter.run("let count = 1", sourceName: "<prompt>")
        try await interpreter.run("def bump() { count = count + 1 }", sourceName: "<prompt>")
        try await interpreter.run("bump()\nbump()", sourceName: "<prompt>")
        try await interpreter.run("print $count", sourceName: "<prompt>")
        #expect(host.output == "3")
        #expect(interpreter.global("count") == .int(3))
    }

    @Test func setGlobalGivesScriptsTheirArguments() async throws {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("args", ["a", "b c"])
        try await interpreter.run("print len($args) $args[1]", sourceName: "s.emqx")
        #expect(host.output == "2 b c")
    }

    @Test func streamsArePulledOnlyAsFarAsNeeded() async throws {
        let host = RecordingHost()
        _ = try await run("for x in items 1000000 { if $x.id == 4 { break } }", host: host)
        #expect(host.itemsFetched == 5)
    }

    @Test func errorsCarryFileLineColumnAndCaret() async {
        let text = await failure("let a = [1]\nprint $a[5]", name: "job.emqx")
        #expect(
            text
                == "error: index 5 is out of range for a list of 1\n --> job.emqx:2:9\n  |\n2 | print $a[5]\n "
                + " |         ^"
        )
    }

    @Test func cancellationStopsAnInfiniteLoopPromptly() async throws {
        let host = RecordingHost()
        let interpreter = Interpreter(host: host)
        let task = Task {
            try await interpreter.run("print \"looping\"\nlet n = 0\nwhile true { n += 1 }", sourceName: "<prompt>")
        }
        // Timed from when the loop runs: other suites' long loops may hold every thread of the pool until then.
        let patience = ContinuousClock.now + .seconds(60)
        while host.output.isEmpty, ContinuousClock.now < patience { try await Task.sleep(for: .milliseconds(10)) }
        try await Task.sleep(for: .milliseconds(20))
        let start = ContinuousClock.now
        task.cancel()
        await #expect { try await task.value } throws: { ($0 as? ScriptError)?.code == .cancelled }
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test func cancellationStopsASleepAndAWaitingCommand() async throws {
        for program in ["sleep(30)", "hang", "while true { sleep 0 }"] {
            let interpreter = Interpreter(host: RecordingHost())
            let task = Task { try await interpreter.run(program, sourceName: "<prompt>") }
            try await Task.sleep(for: .milliseconds(30))
            task.cancel()
            await #expect("\(program) stops as cancelled") { try await task.value } throws: {
                ($0 as? ScriptError)?.code == .cancelled
            }
        }
    }

    @Test func jsonValuesConvertBothWaysWithoutLoss() throws {
        let text = #"{"z":1,"a":[true,null,-0.5,"é\n"],"n":{"big":9223372036854775807}}"#
        let value = Value(json: try JSONParser.parse(text))
        #expect(value.json.map(JSONWriter.encode) == text)
    }
}
