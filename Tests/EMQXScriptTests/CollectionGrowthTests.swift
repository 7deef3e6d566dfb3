import EMQXScript
import Testing

/// Lists, maps and strings built in a loop grow where they are stored: a million appends finish (copying the whole
/// list at each step would take hours), and a value someone else holds is never changed.
@Suite(.timeLimit(.minutes(2)))
struct CollectionGrowthTests {
    func run(_ text: String) async throws -> String { try await RecordingHost.output(of: text) }

    @Test(arguments: [
        "let items = []\nfor i in 0..<1000000 { items += [i] }\nprint len($items) $items[999999]",
        "let items = []\nfor i in 0..<1000000 { items = append($items, i) }\nprint len($items) $items[999999]",
        "let m = {k: []}\nfor i in 0..<1000000 { m.k += [i] }\nprint len($m.k) $m.k[999999]",
        "let items = range(1000000)\nfor i in 0..<1000000 { items = set($items, -1 - i, i) }\n"
            + "print len($items) $items[0]",
    ])
    func aMillionAppendsOrSetsFinish(_ program: String) async throws {
        #expect(try await run(program) == "1000000 999999")
    }

    @Test func growingInPlaceLeavesOtherHoldersAlone() async throws {
        let program = """
            let a = [1]
            let b = $a
            a += [2]
            let g = {k: [1], s: "x"}
            let h = $g
            g["k"] += [2]
            g.s += "y"
            let key = "k"
            g[$key] += [3]
            print $a $b $g $h
            let m = {}
            try { m["none"] += [1] } catch e { print $e.message }
            """
        #expect(
            try await run(program)
                == "[1,2] [1] {\"k\":[1,2,3],\"s\":\"xy\"} {\"k\":[1],\"s\":\"x\"}\n"
                + "cannot apply '+' to null and a list of 1")
    }

    @Test func aMapSetOnTheVariableItselfGrowsInPlace() async throws {
        let program = "let m = {}\nfor i in 0..<200000 { m = set($m, \"k$i\", i) }\nprint len($m) $m.k199999"
        #expect(try await run(program) == "200000 199999")
    }

    /// Oldest first, as a table of open sessions loses them: each removal moved every later key up before.
    @Test func aMapLosesItsKeysOneByOneInPlace() async throws {
        let program = """
            let m = {}
            for i in 0..<200000 { m["k$i"] = $i }
            for i in 0..<199990 { m = remove($m, "k$i") }
            m.k199995 += 1
            print len($m) keys($m)[0] $m.k199995 $m
            """
        #expect(
            try await run(program)
                == "10 k199990 199996 {\"k199990\":199990,\"k199991\":199991,\"k199992\":199992,\"k199993\":199993,"
                + "\"k199994\":199994,\"k199995\":199996,\"k199996\":199996,\"k199997\":199997,\"k199998\":199998,"
                + "\"k199999\":199999}")
    }

    @Test func setAndRemoveOnTheVariableItselfLeaveOtherHoldersAlone() async throws {
        let program = """
            let m = {a: 1, b: 2, c: 3}
            let keep = $m
            m = remove($m, "b")
            m = set($m, "z", 9)
            m = set($m, "a", 0)
            let l = [1, 2, 3]
            let l2 = $l
            l = set($l, -1, 30)
            l = remove($l, 0)
            l = append($l, 4, 5)
            let l3 = $l
            l = append($l, 6)
            print $m $keep $l $l2 $l3
            try { l = remove($l, 10) } catch e { print $e.message $l }
            try { m = set($m, 1, 1) } catch e { print $e.message }
            try { m = append($m, 1) } catch e { print $e.message len($m) }
            """
        #expect(
            try await run(program)
                == "{\"a\":0,\"c\":3,\"z\":9} {\"a\":1,\"b\":2,\"c\":3} [2,30,4,5,6] [1,2,3] [2,30,4,5]\n"
                + "remove(): index 10 is out of range for a list of 5 [2,30,4,5,6]\n"
                + "set(): expected a map and a key, or a list and an index, got a map of 3\n"
                + "append(): expected a list, got a map of 3 3")
    }

    @Test func addingAListOfOneLeavesOtherHoldersAlone() async throws {
        let program = """
            let l = [1]
            let keep = $l
            l += [2]
            l += [$l]
            let n = 5
            try { n += ["x"] } catch e { print $e.message $n }
            print $l $keep
            """
        #expect(
            try await run(program)
                == "cannot apply '+' to the int 5 and a list of 1 5\n[1,2,[1,2]] [1]")
    }

    @Test func recordsMadeByOneLiteralChangeOnlyThemselves() async throws {
        let program = """
            let records = []
            for i in 0..<3 { records += [{id: $i, site: "s-${i}"}] }
            let first = $records[0]
            first.load = 7
            first.site = "changed"
            print $first $records[0] $records[1] {a: 1, b: 2, a: 3}
            """
        #expect(
            try await run(program)
                == "{\"id\":0,\"site\":\"changed\",\"load\":7} {\"id\":0,\"site\":\"s-0\"} "
                + "{\"id\":1,\"site\":\"s-1\"} {\"a\":3,\"b\":2}")
    }

    @Test func aStringBuiltInALoopGrowsInPlace() async throws {
        #expect(try await run("let s = \"\"\nfor i in 0..<1000000 { s += \"x\" }\nprint len($s)") == "1000000")
    }

    @Test func aMapWithComputedKeysCountsInPlace() async throws {
        let program = """
            let counts = {}
            for i in 0..<200000 {
                let key = "k${i % 1000}"
                if not ($key in $counts) { counts[$key] = 0 }
                counts[$key] += 1
            }
            print len($counts) $counts.k7
            """
        #expect(try await run(program) == "1000 200")
    }
}
