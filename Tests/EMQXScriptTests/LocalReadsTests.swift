import Testing

@testable import EMQXScript

/// `$m.key`, `$m[k]`, `$l[i]`, `k in $m`, `len($x)`, `get($m, k)` and `$x == literal` on a local variable read the
/// map or list where the variable keeps it: every kind of value on either side gives what the general operators
/// give, errors included, and the variable holds the same value after.
@Suite struct LocalReadsTests {
    @Test(arguments: [
        ("$m.a", "1"), ("$m.zz", "null"), ("$m[\"b\"]", "[2,3]"), ("$m[$k]", "1"), ("$m[\"zz\"]", "null"),
        ("$l[1]", "\"x\""), ("$l[-1]", "{\"c\":4}"), ("$k in $m", "true"), ("\"zz\" in $m", "false"),
        ("1 in $m", "false"), ("\"x\" in $l", "true"), ("$k in $t", "true"), ("\"q\" in $t", "false"),
        ("$k in $n", "false"), ("$n.a", "null"), ("$n[$k]", "null"),
        ("$m[0]", "cannot index a map of 2 with the int 0"),
        ("$l[$k]", "cannot index a list of 3 with the string \"a\""),
        ("$l[7]", "index 7 is out of range for a list of 3"), ("$t.a", "cannot read field 'a' of the string \"bad\""),
        ("1 in $t", "'in' a string needs a string, not the int 1"),
        ("$k in $i", "'in' needs a list, map or string on its right, not the int 5"),
        ("len($m)", "2"), ("len($l)", "3"), ("len($t)", "3"), ("len($n)", "0"),
        ("len($i)", "len(): expected a string, list or map, got the int 5"),
        ("$k == \"a\"", "true"), ("$k != \"a\"", "false"), ("$i == 5.0", "true"), ("$i != 5", "false"),
        ("$l == [1]", "false"), ("$n == null", "true"),
        ("get($m, \"a\", 0)", "1"), ("get($m, \"zz\", 0)", "0"), ("get($m, $k)", "1"), ("get($m, \"zz\")", "null"),
        ("get($m, 0, 9)", "get(): expected a map and a key, or a list and an index, got a map of 2"),
        ("get($l, 1)", "\"x\""), ("get($n, $k, 3)", "3"),
        ("get($m)", "get() takes 2 to 3 arguments, not 1"), ("len($l, $m)", "len() takes 1 argument, not 2"),
        ("upper($t)", "\"BAD\""), ("split($t)", "[\"bad\"]"),
    ])
    func readsAgreeWithTheGeneralOperators(expression: String, expected: String) async throws {
        let body = """
            let m = {a: 1, b: [2, 3]}
            let l = [1, "x", {c: 4}]
            let k = "a"
            let t = "bad"
            let n = null
            let i = 5
            try { print json(\(expression)) } catch e { print $e.message }
            print $m $l
            """
        let output = "\(expected)\n{\"a\":1,\"b\":[2,3]} [1,\"x\",{\"c\":4}]"
        #expect(try await run(body) == output, "at the top level")
        let inFunction = "def f() {\n\(body)\n}\nf()"
        #expect(try await run(inFunction) == output, "in a function")
    }
}
