/// One MQTT listener as the listeners API shows it: its id (`tcp:default`), where it is bound, and whether it accepts.
struct ListenerRecord: Sendable {
    /// `tcp`, `ssl`, `ws` or `wss`.
    var type: String
    var name: String
    /// `host:port` as bound.
    var bind: String
    /// A stopped listener closes every connection as it opens, as a closed port refuses it.
    var running = true
    var enable = true
    var maxConnections: Int64 = 1_024_000

    var id: String { "\(type):\(name)" }
}
