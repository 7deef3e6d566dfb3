import EMQXKit
import Foundation

/// `config.toml`: named deployments and the default one.
///
/// ```toml
/// default = "prod"
/// [deployments.prod]
/// url = "https://abc.emqxsl.com:8443/api/v5"
/// app_id = "my-key"
/// secret_env = "EMQX_PROD_SECRET"    # or secret_command = "pass show emqx/prod", or secret_file = "…"
/// api = "v5"                          # v4, v5 or auto
/// ```
public struct ShellConfiguration: Sendable {
    /// One `[deployments.NAME]` table; the secret is read only when the deployment is used.
    public struct Entry: Sendable {
        public var name: String
        public var url: String
        public var appID: String?
        public var secretEnv: String?
        public var secretCommand: String?
        public var secretFile: String?
        /// The dashboard user for what EMQX serves to a dashboard login only (API keys), with its password's source.
        public var dashboardUser: String?
        public var dashboardPassword = SecretSources()
        public var api: GenerationSetting
        public var auth: AuthMode
        public var caFile: String?
        public var pin: String?
        public var timeouts: Timeouts
        /// `insecure_http = true`: plain http:// to a host other than loopback is allowed (with a warning).
        public var insecureHTTP = false
        /// `max_response_mib`: the largest answer accepted.
        public var maximumResponseBytes = Deployment.defaultMaximumResponseBytes
        /// `mqtt_url`: the deployment's MQTT broker, for `pub`, `sub` and `bench` (`mqtt://`, `ws://`, or `mqtts://`
        /// and `wss://` with the deployment's CA file and pin); EMQX Cloud's is known without it.
        public var mqttEndpoint: MQTTEndpoint?
        /// `mqtt_username`, with its password's source (`mqtt_password_env`, `_command`, `_file`).
        public var mqttUsername: String?
        public var mqttPassword = SecretSources()
    }

    public var deployments: [String: Entry] = [:]
    public var defaultDeployment: String?
    /// The folder config.toml and rc.emqx live in.
    public var directory: String

    /// `$XDG_CONFIG_HOME/emqxsh`, or `~/.config/emqxsh`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/emqxsh" }
        return (environment["HOME"] ?? "") + "/.config/emqxsh"
    }

    /// Reads `config.toml` from `directory`; a missing file is an empty configuration.
    public static func load(directory: String) throws(ShellError) -> ShellConfiguration {
        let path = directory + "/config.toml"
        guard let data = FileManager.default.contents(atPath: path) else {
            return ShellConfiguration(directory: directory)
        }
        var configuration = try parse(String(decoding: data, as: UTF8.self), path: path)
        configuration.directory = directory
        return configuration
    }

    /// Reads the text of a config.toml; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(ShellError) -> ShellConfiguration {
        var configuration = ShellConfiguration(directory: "")
        let document: TOMLDocument
        do { document = try TOMLDocument.parse(text) } catch {
            throw ShellError.usage("\(path): \(error)")
        }
        let top = ConfigKeys(table: document.root, prefix: path, path: [], document: document)
        configuration.defaultDeployment = try top.string("default")
        if let deployments = document["deployments"], deployments.table == nil {
            throw ShellError.usage(
                "\(path):\(document.line(["deployments"]).map { "\($0):" } ?? "") deployments must be a table")
        }
        for (name, value) in document["deployments"]?.table ?? [:] {
            let place = "\(path):\(document.line(["deployments", name]).map { "\($0):" } ?? "")"
            guard let table = value.table else {
                throw ShellError.usage("\(place) deployments.\(name) must be a table")
            }
            let keys = ConfigKeys(table: table, prefix: path, path: ["deployments", name], document: document)
            guard let url = try keys.string("url") else {
                throw ShellError.usage("\(place) deployments.\(name) has no url")
            }
            let known: Set = [
                "url", "app_id", "secret_env", "secret_command", "secret_file", "api", "auth", "ca_file", "pin",
                "connect_timeout", "read_timeout", "request_timeout", "insecure_http", "max_response_mib",
                "dashboard_user", "dashboard_password_env", "dashboard_password_command", "dashboard_password_file",
                "mqtt_url", "mqtt_username", "mqtt_password_env", "mqtt_password_command", "mqtt_password_file",
            ]
            if let unknown = table.keys.sorted().first(where: { !known.contains($0) }) {
                throw ShellError.usage("\(keys.place(unknown)) deployments.\(name) has an unknown key '\(unknown)'")
            }
            if table["secret"] != nil || table["app_secret"] != nil {
                throw ShellError.usage(
                    "\(path): secrets are not written in the file; use secret_env, secret_command or secret_file")
            }
            guard let api = GenerationSetting(try keys.string("api") ?? "auto") else {
                throw ShellError.usage("\(keys.place("api")) deployments.\(name).api must be v4, v5 or auto")
            }
            guard let auth = AuthMode(rawValue: try keys.string("auth") ?? "auto") else {
                throw ShellError.usage("\(keys.place("auth")) deployments.\(name).auth must be auto, basic or digest")
            }
            var entry = Entry(
                name: name, url: url, appID: try keys.string("app_id"), secretEnv: try keys.string("secret_env"),
                secretCommand: try keys.string("secret_command"), secretFile: try keys.string("secret_file"), api: api,
                auth: auth, caFile: try keys.string("ca_file"), pin: try keys.string("pin"),
                timeouts: Timeouts(
                    connect: try keys.seconds("connect_timeout", default: 10),
                    read: try keys.seconds("read_timeout", default: 30),
                    total: try keys.seconds("request_timeout", default: 60)))
            entry.insecureHTTP = try keys.bool("insecure_http") ?? false
            if let mqttURL = try keys.string("mqtt_url") {
                do throws(EMQXError) { entry.mqttEndpoint = try MQTTEndpoint(mqttURL) } catch {
                    throw ShellError.usage("\(keys.place("mqtt_url")) deployments.\(name).mqtt_url: \(error.message)")
                }
            }
            entry.mqttUsername = try keys.string("mqtt_username")
            entry.mqttPassword = SecretSources(
                environment: try keys.string("mqtt_password_env"), command: try keys.string("mqtt_password_command"),
                file: try keys.string("mqtt_password_file"))
            entry.dashboardUser = try keys.string("dashboard_user")
            entry.dashboardPassword = SecretSources(
                environment: try keys.string("dashboard_password_env"),
                command: try keys.string("dashboard_password_command"), file: try keys.string("dashboard_password_file")
            )
            if let mebibytes = try keys.integer("max_response_mib", in: 1...4096) {
                entry.maximumResponseBytes = Int(mebibytes) << 20
            }
            configuration.deployments[name] = entry
        }
        if let chosen = configuration.defaultDeployment, configuration.deployments[chosen] == nil {
            throw ShellError.usage("\(top.place("default")) default = \"\(chosen)\" names no deployment")
        }
        return configuration
    }
}

extension ShellConfiguration.Entry {
    /// The deployment with its secret, read now from the environment, a command or a 0600 file.
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ShellError) -> Deployment {
        var credentials: Credentials?
        if let appID {
            credentials = Credentials(appID: appID, secret: try secret(environment: environment))
        }
        var deployment: Deployment
        do {
            deployment = try Deployment(
                name: name, url: url, credentials: credentials, generation: api, authMode: auth,
                tls: TLSOptions(caFile: caFile, pinnedSHA256: pin), timeouts: timeouts)
        } catch {
            throw ShellError.usage("deployment \(name): \(error.message)")
        }
        deployment.allowsInsecureHTTP = insecureHTTP
        deployment.maximumResponseBytes = maximumResponseBytes
        deployment.mqttEndpoint = mqttEndpoint
        if let mqttUsername {
            let password = try mqttPassword.read(environment: environment, deployment: name) ?? ""
            deployment.mqttLogin = Credentials(appID: mqttUsername, secret: password)
        }
        if let dashboardUser {
            guard let password = try dashboardPassword.read(environment: environment, deployment: name) else {
                throw ShellError.usage(
                    "deployment \(name): dashboard_user is set but no dashboard_password_env, "
                        + "dashboard_password_command or dashboard_password_file")
            }
            deployment.dashboardLogin = Credentials(appID: dashboardUser, secret: password)
        }
        return deployment
    }

    private func secret(environment: [String: String]) throws(ShellError) -> String {
        let sources = SecretSources(environment: secretEnv, command: secretCommand, file: secretFile)
        guard let secret = try sources.read(environment: environment, deployment: name) else {
            throw ShellError.usage("deployment \(name): app_id is set but no secret_env, secret_command or secret_file")
        }
        return secret
    }
}

/// Where a secret is read from: an environment variable, a command's output, or a file only its owner can read.
public struct SecretSources: Sendable {
    public var environment: String?
    public var command: String?
    public var file: String?

    public init(environment: String? = nil, command: String? = nil, file: String? = nil) {
        self.environment = environment
        self.command = command
        self.file = file
    }

    /// The secret, read now; nil when no source is given.
    func read(environment values: [String: String], deployment name: String) throws(ShellError) -> String? {
        if let variable = environment {
            guard let value = values[variable], !value.isEmpty else {
                throw ShellError.usage("deployment \(name): the secret is read from $\(variable), which is not set")
            }
            return value
        }
        if let command { return try SecretSource.run(command, deployment: name) }
        if let file {
            let path = file.hasPrefix("~/") ? (values["HOME"] ?? "") + file.dropFirst() : file
            return try SecretSource.read(path, deployment: name)
        }
        return nil
    }
}
