/// What the shell was asked to do on its command line, as `Runner` reads it.
///
/// `EMQXShellCommand` declares the options for ArgumentParser (help, errors, completion scripts, the man page).
/// ``ShellOptions/parseCommonForms(_:)`` reads the everyday forms without it: ArgumentParser's reflection
/// costs about 4 ms of a one-shot `emqxsh -c '…'` in a binary this size, a third of its start.
struct ShellOptions: Equatable, Sendable {
    var file: String?
    var scriptArguments: [String] = []
    var commands: [String] = []
    var deployment: String?
    var api: String?
    var output: String?
    var sandbox = false
    var norc = false
    var continueOnError = false
    var record: String?

    /// Reads the command line when it holds only options of the shell's own, each once, with values that
    /// cannot be taken for options; nil for anything else (`--help`, `--version`, a typo, `--`, a value that starts
    /// with `-`, a dash-word after the script), which ArgumentParser then reads and answers.
    static func parseCommonForms(_ arguments: [String]) -> ShellOptions? {
        var options = ShellOptions()
        var seen: Set<String> = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if options.file != nil {
                guard !word.hasPrefix("-") else { return nil }
                options.scriptArguments.append(word)
                continue
            }
            guard word.hasPrefix("-") else {
                options.file = word
                continue
            }
            var name = word
            var attached: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                attached = String(word[word.index(after: equals)...])
            }
            switch name {
            case "--sandbox", "--norc", "--continue-on-error":
                guard attached == nil, seen.insert(name).inserted else { return nil }
                if name == "--sandbox" { options.sandbox = true }
                if name == "--norc" { options.norc = true }
                if name == "--continue-on-error" { options.continueOnError = true }
                continue
            case "-c", "-d", "--deployment", "--api", "--output", "--record": break
            default: return nil
            }
            let value: String
            if let attached {
                guard !attached.isEmpty else { return nil }
                value = attached
            } else {
                guard index < arguments.count else { return nil }
                value = arguments[index]
                index += 1
            }
            guard !value.hasPrefix("-") else { return nil }
            if name == "-c" {
                options.commands.append(value)
                continue
            }
            // -d and --deployment are one option: given twice, ArgumentParser decides which counts.
            guard seen.insert(name == "-d" ? "--deployment" : name).inserted else { return nil }
            switch name {
            case "-d", "--deployment": options.deployment = value
            case "--api": options.api = value
            case "--output": options.output = value
            default: options.record = value
            }
        }
        return options
    }
}
