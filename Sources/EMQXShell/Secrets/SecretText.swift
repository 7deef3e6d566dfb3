import EMQXScript
import Foundation

/// Finds and masks secrets in what a user types: values of secret flags (also misspelled ones, such as
/// `--pasword`) and of secret keys in maps and JSON bodies (`{password: "…"}`, `{"app_secret": "…"}`).
///
/// History leaves such lines out; recordings keep them with the values masked.
public enum SecretText {
    /// What a masked value is written as.
    public static let mask = "********"

    /// Whether a flag or key name is about a secret: it says so (`password`, `app_secret`, `apiToken`, `pwd`), or
    /// one of its parts is a near miss of a word that does (`pasword`, `secert`). `passenger` is not.
    public static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased().replacingOccurrences(of: "_", with: "-")
        // `--secret-env NAME`, `secret_file = PATH`: these say where a secret is, not what it is.
        if ["-env", "-file", "-command", "-cmd"].contains(where: { lower.hasSuffix($0) }) { return false }
        if ["secret", "password", "passwd", "passphrase", "token", "credential", "private-key", "privatekey"]
            .contains(where: { lower.contains($0) })
        {
            return true
        }
        return lower.split(separator: "-").contains { part in
            ["pass", "pw", "pwd", "passcode"].contains(String(part))
                || (part.count >= 5
                    && ["password", "passwd", "secret"].contains { editDistance(String(part), $0) <= 2 })
        }
    }

    /// Flags the catalog declares, by name, and whether a command marks the flag's value as a secret. A declared
    /// flag is masked exactly when its declaration says so (`--password` is, `--secret-env` is not); names no command
    /// declares (`--pasword`, a typo) are judged by their words.
    static let declaredFlags: [String: Bool] = CommandCatalog.standard.flagSecrecy

    /// Whether the value of `--name` is a secret.
    public static func isSecretFlag(_ name: String) -> Bool { declaredFlags[name] ?? isSecretName(name) }

    /// Whether a line gives a secret value anywhere: a secret flag with a value, or a secret key in a map.
    public static func mentionsSecret(_ line: String) -> Bool { masked(line) != line }

    /// The line with every secret value replaced by `mask`.
    public static func masked(_ line: String) -> String {
        var text = line.replacing(/(--([A-Za-z][\w-]*)(?:\s+|=))("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/) { match in
            isSecretFlag(String(match.output.2)) && isLiteral(match.output.3) ? match.output.1 + mask : match.output.0
        }
        // A key opens a map, follows a comma, or starts a line of one: `password_based:built_in_database` as a
        // word is an authenticator id, not a key.
        let key = /((?:^|[{,])\s*(["']?)([A-Za-z_][\w-]*)\2\s*:\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}\]]+)/
        text = text.replacing(key) { match in
            isSecretName(String(match.output.3)) && isLiteral(match.output.4) ? match.output.1 + mask : match.output.0
        }
        // `KEY=VALUE` words (`config set dashboard default_password=…`), the key's last dotted part judged.
        let setting = /((?:^|\s)[\w.-]*?([A-Za-z_][\w-]*)=)("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/
        text = text.replacing(setting) { match in
            isSecretName(String(match.output.2)) && isLiteral(match.output.3) ? match.output.1 + mask : match.output.0
        }
        return text
    }

    /// A value written out, not computed: `$password` or `"${site}-pw"` in a script names a secret without holding it.
    private static func isLiteral(_ value: Substring) -> Bool {
        !value.hasPrefix("$") && !value.contains("${") && !value.hasPrefix("(")
    }
}
