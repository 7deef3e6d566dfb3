import Testing

@testable import emqxsh

/// The quick reading of the command line says what ArgumentParser says, or leaves the line to it.
@Suite struct ShellOptionsTests {
    static let lines: [[String]] = [
        [],
        ["-c", "get /nodes"],
        ["-c", "print 1", "-c", "print 2"],
        ["--norc", "-d", "bench", "-c", "get /nodes"],
        ["--deployment", "prod", "--api", "v4", "--output", "jsonl", "-c", "clients"],
        ["--deployment=prod", "--api=v5", "--output=csv", "--record=/tmp/r.emqxrec", "-c", "x"],
        ["--sandbox", "--continue-on-error", "job.emqx"],
        ["job.emqx", "first", "second word", ""],
        ["--norc", "job.emqx", "a", "b"],
        ["-c", ""],
    ]

    /// Lines the quick reading leaves to ArgumentParser, whatever ArgumentParser then says of them.
    static let leftToArgumentParser: [[String]] = [
        ["--help"], ["-h"], ["--version"], ["--generate-completion-script", "bash"],
        ["-c"], ["-c", "-1"], ["--norc", "--norc"], ["-d", "a", "-d", "b"], ["--deployment", "a", "-d", "b"],
        ["--sandbox=true"], ["--nrc"], ["-x"], ["--"], ["job.emqx", "--verbose"], ["job.emqx", "--", "a"],
        ["-cprint"], ["--output", "--norc"], ["--deployment="],
    ]

    @Test(arguments: lines)
    func readsTheEverydayFormsAsArgumentParserDoes(_ line: [String]) throws {
        let quick = try #require(ShellOptions.parseCommonForms(line))
        let parsed = try EMQXShellCommand.parse(line)
        #expect(quick == parsed.shellOptions)
    }

    @Test(arguments: leftToArgumentParser)
    func leavesEverythingElseToArgumentParser(_ line: [String]) {
        #expect(ShellOptions.parseCommonForms(line) == nil)
    }
}
