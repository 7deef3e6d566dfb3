import Testing

@testable import EMQXScript

@Suite struct ValueStreamTests {
    @Test func indexBoxCounts() {
        let box = IndexBox()
        #expect([box.take(), box.take(), box.take()] == [0, 1, 2])
    }

    @Test func listStreamSteps() async throws {
        let stream = ValueStream(name: "l", values: [1, 2, 3])
        let next = stream.makeIterator()
        var seen: [Value?] = []
        for _ in 0..<5 { seen.append(try await next()) }
        #expect(seen == [1, 2, 3, nil, nil])
    }
}
