import EMQXScript
import Testing

@Suite struct SmokeTests {
    @Test func basics() async throws {
        let out = try await run(
            """
            let x = 1 + 2 * 3
            print "x is ${x}"
            let m = {a: 1, "b c": [1, 2]}
            $m.a = $m.a + 10
            print $m
            def f(n) { return n * 2 }
            print f(21)
            for i in 1..3 { print $i }
            let online = items 3
            print len($online)
            try { fail } catch e { print "caught ${e.code}: ${e.message}" }
            print map([1,2,3], |v| v * v)
            """)
        #expect(
            out
                == "x is 7\n{\"a\":11,\"b c\":[1,2]}\n42\n1\n2\n3\n3\ncaught CLIENTID_NOT_FOUND: Client ID "
                + "not found\n[1,4,9]"
        )
    }

    @Test func errors() async {
        let text = await failure("let a = 1\nprint($a / 0)")
        #expect(text.contains("test.emqx:2:10"), "\(text)")
    }
}
