import Foundation
import Testing

@testable import EMQXShell

/// The recording file format and the Markdown sessions: what is written reads back, and bad input is named by line.
@Suite struct TranscriptFormatTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("emqxsh-transcript-\(UUID().uuidString).emqxrec")
            .path
    }

    @Test func whatTheRecorderWritesReadsBackWithTrickyOutput() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try TranscriptRecorder(path: path, width: 80, secrets: ["top-secret"])
        recorder.input("for i in 1..2 {\n  print $i\n}", context: "prod v5")
        // Lines that look like the format's own markers, a partial line, and a secret.
        recorder.output(
            "[1.000] prod v5> not an input\n! not an error\n\\ backslash\n#not a header\nplain", isError: false)
        recorder.output(" end\n", isError: false)
        recorder.output("error: boom top-secret\n", isError: true)
        recorder.input("users add a --password 'p w' --secret=xyz", context: "prod v5")
        recorder.output("partial without newline", isError: false)
        recorder.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("top-secret") && !text.contains("p w") && !text.contains("xyz"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let transcript = try TranscriptFile.parse(text, source: path)
        #expect(transcript.width == 80 && transcript.masks.count == TranscriptRecorder.defaultMasks.count)
        #expect(transcript.entries.count == 2)
        #expect(
            transcript.entries[0].context == "prod v5"
                && transcript.entries[0].input == "for i in 1..2 {\n  print $i\n}")
        #expect(
            transcript.entries[0].output == [
                OutputLine("[1.000] prod v5> not an input"), OutputLine("! not an error"), OutputLine("\\ backslash"),
                OutputLine("#not a header"), OutputLine("plain end"), OutputLine("error: boom ********", isError: true),
            ])
        #expect(transcript.entries[1].input == "users add a --password ******** --secret=********")
        #expect(transcript.entries[1].output == [OutputLine("partial without newline")])
    }

    @Test func appendingToAFileThatIsNotARecordingIsRefused() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "precious notes\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ShellError.self) { try TranscriptRecorder(path: path, width: 80, secrets: []) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious notes\n")
    }

    @Test(arguments: [
        ("nothing\n", "t.rec:1: not an emqxsh recording"),
        ("#emqxsh-recording 1\nstray output\n", "t.rec:2: output before the first input"),
        ("#emqxsh-recording 1\n#mask ([ => x\n", "t.rec:2: mask: '([' is not a valid regular expression"),
        ("#emqxsh-recording 1\n#mask no arrow\n", "t.rec:2: mask: expected 'REGEX => REPLACEMENT'"),
        ("#emqxsh-recording 1\n#format xml\n", "t.rec:2: #format takes table, json, jsonl, csv or yaml"),
    ])
    func badRecordingsAreNamedByLine(_ text: String, _ message: String) {
        #expect { try TranscriptFile.parse(text, source: "t.rec") } throws: { error in
            (error as? ShellError)?.message.hasPrefix(message) == true
        }
    }

    @Test func markdownSessionsDirectivesAndListings() throws {
        let markdown = """
            # Title
            <!-- mask: id-\\d+ => id-N -->
            <!-- width: 60 -->
            ```emqx
            let x = 1
            ```
            ```sh doctest-background
            mosquitto_sub -t t
            ```
            ```emqx
            sandbox v5> for i in 1..2 {
                   ...   print $i
                   ... }
            1
            2
            sandbox v5> print "id-7"
            id-7
            ```
            <!-- doctest: only v4 -->
            ```emqx
            sandbox v4> nodes
            ```
            <!-- doctest: skip -->
            ```emqx
            sandbox v5> never run
            ```
            """
        let transcript = try MarkdownTranscript.parse(markdown, source: "t.md")
        #expect(transcript.width == 60 && transcript.masks.count == 1)
        #expect(transcript.entries.map(\.input) == ["for i in 1..2 {\n  print $i\n}", "print \"id-7\"", "nodes"])
        #expect(transcript.entries[0].output.map(\.text) == ["1", "2"] && transcript.entries[0].line == 11)
        #expect(transcript.entries.map(\.onlyOn) == [nil, nil, "v4"])
        #expect(transcript.background == [0: ["mosquitto_sub -t t"]])
        #expect(transcript.masks.apply("id-12 and id-3") == "id-N and id-N")
    }

    @Test func updateRewritesOnlyTheDifferingOutput() throws {
        let markdown =
            "Intro\n```emqx\nsandbox v5> for i in 1..2 {\n       ...   print $i\n       ... }\n1\n3\nsandbox "
            + "v5> print \"ok\"\nok\n```\nEnd\n"
        let transcript = try MarkdownTranscript.parse(markdown, source: "t.md")
        let difference = TranscriptChecker.Difference(
            entry: transcript.entries[0], expected: ["1", "3"], actual: ["1", "2"],
            printed: [OutputLine("1"), OutputLine("2"), OutputLine("")])
        #expect(
            TranscriptChecker.updated(markdown, with: [difference])
                == "Intro\n```emqx\nsandbox v5> for i in 1..2 {\n       ...   print $i\n       ... "
                + "}\n1\n2\nsandbox v5> print \"ok\"\nok\n```\nEnd\n"
        )
    }

    @Test func maskReplacementsMayUseGroups() throws {
        let rule = try MaskRule(declaration: #"(count +)\d+ => $1N"#)
        #expect(rule.apply("count   42") == "count   N")
    }

    @Test func differencesReadAsALineDiff() {
        let diff = TranscriptChecker.lineDiff(["a", "b", "c"], ["a", "x", "c", "d"])
        #expect(diff == ["  a", "- b", "+ x", "  c", "+ d"])
        let normalized = TranscriptChecker.normalize(
            [OutputLine("NAME   AGE   "), OutputLine("bob    7"), OutputLine(""), OutputLine("")], masks: [])
        #expect(normalized == ["NAME AGE", "bob 7"])
    }
}
