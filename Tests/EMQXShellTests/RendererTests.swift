import EMQXJSON
import EMQXKit
import EMQXScript
import Testing
import Yams

@testable import EMQXShell

@Suite struct RendererTests {
    let clients: Value = .list([
        .object(["clientid": "a", "username": "u", "connected": true, "recv_msg": 1_234_567, "extra": "x"]),
        .object(["clientid": "b,c", "username": .null, "connected": false, "recv_msg": 5, "extra": "y"]),
    ])

    func render(_ value: Value, _ format: OutputFormat, fields: [String]? = nil, resource: Resource? = nil) -> String {
        Renderer.render(value, OutputSettings(format: format, fields: fields, width: 200), resource: resource)
    }

    @Test func tablesUseTheResourcesColumnsAndHumanNumbers() {
        #expect(
            render(clients, .table, resource: .clients)
                == "CLIENTID  USERNAME  CONNECTED\na         u         true\nb,c                 false")
        #expect(
            render(clients, .table, fields: ["clientid", "recv_msg"])
                == "CLIENTID  RECV_MSG\na         1.2M\nb,c       5")
    }

    @Test func jsonAndJSONLinesParseBack() throws {
        let json = try JSONParser.parse(render(clients, .json))
        #expect(json.arrayValue?.count == 2)
        let lines = render(clients, .jsonl).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONParser.parse(String(lines[1]))["clientid"] == .string("b,c"))
    }

    /// A comma, a quote or a line break anywhere in a cell quotes it, also where it is part of a larger character.
    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\nb", "\"a\nb\""),
        ("a\r\nb", "\"a\r\nb\""), ("\"\u{301}", "\"\"\"\u{301}\""), ("", ""), ("é", "é"),
    ])
    func csvQuotesEachCellThatNeedsIt(_ cell: String, _ field: String) {
        #expect(CSVRenderer.quote(cell) == field)
    }

    @Test func csvQuotesWhatNeedsIt() {
        #expect(render(clients, .csv, fields: ["clientid", "username"]) == "clientid,username\na,u\n\"b,c\",")
    }

    @Test func yamlQuotesAmbiguousScalars() {
        let value: Value = .object([
            "name": "sensor", "flag": "yes", "n": 1, "list": [1, "two"], "nested": .object(["k": "v: w"]),
        ])
        #expect(render(value, .yaml) == "name: sensor\nflag: \"yes\"\nn: 1\nlist:\n- 1\n- two\nnested:\n  k: 'v: w'")
    }

    /// What a YAML reader gets back is what was shown: no string turns into a number, a boolean or null, and no
    /// name a server sends breaks the document.
    @Test(arguments: [
        "yes", "No", "off", "~", "null", "", "1e3", "0x1F", "007", "-", "- item", "a: b", "#comment", "key #x",
        "multi\nline\n", " padded ", "quote \" and ' both", "tab\tin", "ünïcödé 😀", "*anchor", "&ref", "!tag",
        "%YAML", "@at", "`tick", "[flow]", "{map}", "|", ">", "? q", "line\u{85}next", "bell\u{7}",
    ])
    func yamlReadsBackAsWritten(_ text: String) throws {
        let value: Value = .object([text: .string(text), "list": [.string(text)], "n": 7, "f": 1.5, "t": true])
        let loaded = try Yams.load(yaml: render(value, .yaml)) as? [String: Any]
        #expect(loaded?[text] as? String == text)
        #expect((loaded?["list"] as? [Any])?.first as? String == text)
        #expect(loaded?["n"] as? Int == 7)
        #expect(loaded?["f"] as? Double == 1.5)
        #expect(loaded?["t"] as? Bool == true)
    }

    @Test func mapsOfScalarsAreKeyValueLines() {
        #expect(render(.object(["topic": "t/1", "delivered": true]), .table) == "topic      t/1\ndelivered  true")
        #expect(render(.list([]), .table) == "(none)")
    }
}

/// Flags are declared once and read back through their declaration, typed; errors name the command and the flag.
@Suite struct CommandArgumentsTests {
    static let qos = CommandFlag<Int>.integer("qos", in: 0...2, "qos")
    static let retain = CommandFlag<Bool>.presence("retain", "retain")
    static let properties = CommandFlag<[String]>.texts("property", "p")
    static let state = CommandFlag<ConnectionState>.choice("state", "state")
    static let clean = CommandFlag<Bool>.boolean("clean", "clean")
    let signature = CommandSignature(
        ["TOPIC", "[PAYLOAD]"], minimum: 1, flags: [qos, retain, properties, state, clean])

    func parse(_ arguments: [CommandArgument]) throws -> CommandArguments {
        try CommandArguments.parse(arguments, signature: signature, command: "publish")
    }

    @Test func flagsValuesAndPositionals() throws {
        let parsed = try parse([
            .value("t/1"), .flag("--qos"), .value("1"), .flag("--retain"), .value("hi"),
            .flag("--property"), .value("a=1"), .flag("--property"), .value("b=2"), .flag("--state"), .value("idle"),
            .flag("--clean"), .value("no"),
        ])
        #expect(parsed.word(0) == "t/1" && parsed.word(1) == "hi")
        #expect(try parsed[Self.qos] == 1)
        #expect(try parsed[Self.retain] == true)
        #expect(parsed[Self.properties] == ["a=1", "b=2"])
        #expect(try parsed[Self.state] == .idle)
        #expect(try parsed[Self.clean] == false)
        #expect(parsed.command == "publish")
    }

    @Test func flagsNotGivenAreNil() throws {
        let parsed = try parse([.value("t/1")])
        #expect(try parsed[Self.qos] == nil)
        #expect(try parsed[Self.retain] == nil)
        #expect(parsed[Self.properties] == [])
    }

    @Test(arguments: [
        (
            [CommandArgument.flag("--qso"), .value("1"), .value("t")],
            "publish: unknown flag --qso (did you mean --qos?)"
        ),
        ([.value("t"), .flag("--qos")], "publish: --qos needs a value"),
        ([], "publish: missing TOPIC"),
        ([.value("t"), .value("p"), .value("extra")], "publish: unexpected argument 'extra'"),
        ([.value("t"), .flag("--qos"), .value("high")], "publish: --qos takes a whole number, not 'high'"),
        ([.value("t"), .flag("--qos"), .value("3")], "publish: --qos takes 0 to 2, not 3"),
        ([.value("t"), .flag("--state"), .value("gone")], "publish: --state takes connected, idle or disconnected"),
        ([.value("t"), .flag("--clean"), .value("maybe")], "publish: --clean takes true or false, not 'maybe'"),
        ([.value("t"), .flag("--qos"), .value("1"), .flag("--qos"), .value("2")], "publish: --qos is given twice"),
    ])
    func errorsSayWhatIsWrong(_ arguments: [CommandArgument], _ message: String) {
        #expect {
            let parsed = try parse(arguments)
            _ = try parsed[Self.qos]
            _ = try parsed[Self.state]
            _ = try parsed[Self.clean]
        } throws: { error in
            (error as? ShellError)?.message.hasPrefix(message) ?? false
        }
    }

    @Test func secretFlagsAreMaskedFromTheirDeclaration() {
        #expect(SecretText.isSecretFlag("password"))
        #expect(!SecretText.isSecretFlag("secret-env"))
        #expect(!SecretText.isSecretFlag("name"))
        #expect(SecretText.isSecretFlag("pasword"))  // a typo no command declares
        #expect(SecretText.masked("users add a --password hunter2") == "users add a --password ********")
    }
}

@Suite struct ExitStatusTests {
    @Test func statusesAreDistinctAndDocumented() throws {
        #expect(Set(ExitStatus.all.map(\.code)).count == ExitStatus.all.count)
        let page = try String(
            contentsOfFile: #filePath.replacingOccurrences(
                of: "Tests/EMQXShellTests/RendererTests.swift", with: "docs/exit-codes.md"), encoding: .utf8)
        for status in ExitStatus.all {
            #expect(page.contains("| \(status.code) |"), "docs/exit-codes.md lacks \(status.code)")
        }
    }
}
