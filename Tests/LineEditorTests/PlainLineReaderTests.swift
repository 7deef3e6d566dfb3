import LineEditor
import Testing

@Suite struct PlainLineReaderTests {
    @Test func readsEveryLineThenEndOfInputKeepingUTF8() {
        var lines = ["get /clients", "publish café ☃\r", ""].makeIterator()
        let reader = PlainLineReader { lines.next() }
        #expect(reader.readLine(prompt: "> ") == .line("get /clients"))
        #expect(reader.readLine(prompt: "> ") == .line("publish café ☃"))
        #expect(reader.readLine(prompt: "> ") == .line(""))
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
    }

    @Test func editLineIsNotUsedWithoutATerminal() {
        // Test runs have no terminal on stdin; libedit would drop bytes there.
        #expect(EditLineReader(program: "emqxsh-test", historyPath: nil) == nil)
    }
}
