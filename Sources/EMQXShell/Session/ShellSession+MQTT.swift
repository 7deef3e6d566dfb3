extension ShellSession {
    /// The MQTT broker of a deployment: the sandbox's, or the `mqtt_url` its configuration gives.
    ///
    /// - Parameter deployment: The deployment's name.
    /// - Returns: Its address (`mqtt://host:port`), or nil when none is known.
    public func mqttAddress(of deployment: String) -> String? {
        mqttAddresses[deployment] ?? configuration.deployments[deployment]?.mqttURL
    }
}
