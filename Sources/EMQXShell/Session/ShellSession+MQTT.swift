import EMQXKit

extension ShellSession {
    /// The MQTT broker of a deployment: the embedded sandbox's, the `mqtt_url` its configuration gives, or EMQX
    /// Cloud's default for a Cloud host (the same host, TLS on 8883).
    ///
    /// - Parameter deployment: The deployment's name.
    /// - Returns: Its endpoint, or nil when none is known.
    public func mqttEndpoint(of deployment: String) -> MQTTEndpoint? {
        if let sandbox = mqttEndpoints[deployment] { return sandbox }
        if let known = deployments[deployment] { return known.mqttBroker }
        guard let entry = configuration.deployments[deployment] else { return nil }
        if let configured = entry.mqttEndpoint { return configured }
        return (try? APIBaseURL(entry.url)).flatMap { MQTTEndpoint.cloudDefault(forAPIHost: $0.host) }
    }

    /// Masks the deployment's secrets (API secret, MQTT password) in what is recorded.
    func learnSecrets(of deployment: Deployment) {
        for secret in [deployment.credentials?.secret, deployment.mqttLogin?.secret] {
            if let secret, !secret.isEmpty { recording.learn(secret) }
        }
    }
}
